package ossemu

// readable finds the object a GET or HEAD reads: the version ?versionId
// names, else the current object. Delete markers answer as OSS answers
// them: the marker's own version is 405 MethodNotAllowed, a key whose
// newest version is a marker is 404 NoSuchKey, both with
// x-oss-delete-marker: true.
func (s *Server) readable(rq *request) (objectMeta, *apiError) {
	h := rq.w.Header()
	if id, ok := versionParam(rq); ok {
		if id == "" {
			return objectMeta{}, errorf("InvalidArgument", "The versionId must not be empty.").with("ArgumentName", "versionId")
		}
		m, e := s.st.objectVersion(rq.bucket, rq.key, id)
		if e != nil {
			return objectMeta{}, e
		}
		if m.DeleteMarker {
			h.Set("x-oss-delete-marker", "true")
			setVersionID(rq, id)
			return objectMeta{}, errMethod()
		}
		return m, nil
	}
	m, e := s.st.object(rq.bucket, rq.key)
	if e != nil && e.Code == "NoSuchKey" {
		if mk, ok := s.st.latestMarker(rq.bucket, rq.key); ok {
			h.Set("x-oss-delete-marker", "true")
			setVersionID(rq, mk.VersionID)
		}
	}
	return m, e
}
