package ossemu

func (s *Server) postObject(rq *request) *apiError {
	return errorf("NotImplemented", "PostObject")
}
