package cloud

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Fire asks a running local cloud (found through its endpoints) to fire a
// timer trigger now, by trigger name or by function name, and waits for
// the invocation. A non-nil payload replaces the template's timer payload. The error is for a cloud that cannot be reached, an
// unknown trigger or a refused admin token; the function's own failure is
// in FireResult.Error.
func Fire(ctx context.Context, e Endpoints, name string, payload *string) (FireResult, error) {
	q := url.Values{"trigger": {name}}
	if payload != nil {
		q.Set("payload", *payload)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.Admin+"/fire?"+q.Encode(), nil)
	if err != nil {
		return FireResult{}, fmt.Errorf("fire %s: %w", name, err)
	}
	req.Header.Set("Authorization", "Bearer "+e.AdminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return FireResult{}, fmt.Errorf("fire %s: is the local cloud running? %w", name, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var body struct{ Error string }
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return FireResult{}, fmt.Errorf("fire %s: status = %d: %s", name, resp.StatusCode, body.Error)
	}
	var r FireResult
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return FireResult{}, fmt.Errorf("fire %s: answer: %w", name, err)
	}
	return r, nil
}
