package ossemu

import (
	"encoding/xml"
	"io"
	"net/http"
	"time"
)

// maxXMLBody bounds the XML documents clients send (delete lists, part
// lists, ACLs); OSS's own cap for DeleteMultipleObjects is 2 MB.
const maxXMLBody = 2 << 20

// writeXML answers with v as an XML document.
func writeXML(rq *request, status int, v any) *apiError {
	out, err := xml.Marshal(v)
	if err != nil {
		return errInternal()
	}
	out = append([]byte(xml.Header), out...)
	h := rq.w.Header()
	h.Set("Content-Type", "application/xml")
	h.Set("Content-Length", itoa(int64(len(out))))
	rq.w.WriteHeader(status)
	_, _ = rq.w.Write(out)
	return nil
}

// readXML decodes a request body of at most maxXMLBody bytes into v;
// anything else is MalformedXML. An empty body is allowed only if optional.
func readXML(r *http.Request, v any, optional bool) *apiError {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxXMLBody+1))
	if err == nil && len(data) == 0 && optional {
		return nil
	}
	if err != nil || len(data) > maxXMLBody {
		return errorf("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.")
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return errorf("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.")
	}
	return nil
}

// isoTime is the timestamp format of OSS XML documents.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

type locationConstraint struct {
	XMLName xml.Name `xml:"LocationConstraint"`
	Value   string   `xml:",chardata"`
}

type owner struct {
	ID          string `xml:"ID"`
	DisplayName string `xml:"DisplayName"`
}
