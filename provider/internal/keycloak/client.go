// Package keycloak is a small client for Keycloak's admin REST API: it signs in with the
// password or client-credentials grant, keeps the access token fresh, and turns error
// responses into errors that name the request but never a secret.
package keycloak

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Config says where Keycloak is and how to sign in. With Username and Password set the
// client uses the password grant, otherwise client credentials.
type Config struct {
	URL          string
	BasePath     string
	Realm        string
	ClientID     string
	ClientSecret string
	Username     string
	Password     string
	Timeout      time.Duration
	UserAgent    string
}

// Client is safe for concurrent use: Terraform calls resources in parallel.
type Client struct {
	cfg  Config
	base string // URL + base path, without a trailing slash
	http *http.Client

	mu     sync.Mutex
	token  string
	expiry time.Time
}

// getRetries is how many times an idempotent GET is repeated after a connection error or a 5xx.
const getRetries = 2

// New makes a client; it does not contact Keycloak until the first request.
func New(cfg Config) *Client {
	base := strings.TrimRight(cfg.URL, "/")
	if p := strings.Trim(cfg.BasePath, "/"); p != "" {
		base += "/" + p
	}
	// Terraform runs up to 10 operations at once: keep that many connections open for reuse.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 16
	return &Client{cfg: cfg, base: base, http: &http.Client{Timeout: cfg.Timeout, Transport: transport}}
}

// Error is a failed request. Message is Keycloak's own explanation, when it gave one.
type Error struct {
	Method  string
	Path    string
	Status  int
	Message string
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s %s: HTTP %d %s", e.Method, e.Path, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// IsNotFound reports whether err is Keycloak answering 404.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusNotFound
}

// Path joins path segments under /admin/realms, escaping each one, so that names with
// slashes or spaces cannot change which endpoint is called.
func Path(segments ...string) string {
	var b strings.Builder
	b.WriteString("/admin/realms")
	for _, s := range segments {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}

// Get decodes the JSON answer to a GET of path (from Path) into out.
func (c *Client) Get(ctx context.Context, path string, out any) error {
	_, err := c.do(ctx, http.MethodGet, path, nil, out)
	return err
}

// Post sends body and returns the id at the end of the Location header, if any.
func (c *Client) Post(ctx context.Context, path string, body any) (string, error) {
	resp, err := c.do(ctx, http.MethodPost, path, body, nil)
	if err != nil {
		return "", err
	}
	loc := resp.Header.Get("Location")
	if loc == "" {
		return "", nil
	}
	id := loc[strings.LastIndex(loc, "/")+1:]
	if unescaped, err := url.PathUnescape(id); err == nil {
		id = unescaped
	}
	return id, nil
}

// PostFor sends body and decodes the JSON answer into out.
func (c *Client) PostFor(ctx context.Context, path string, body, out any) error {
	_, err := c.do(ctx, http.MethodPost, path, body, out)
	return err
}

// Put sends body.
func (c *Client) Put(ctx context.Context, path string, body any) error {
	_, err := c.do(ctx, http.MethodPut, path, body, nil)
	return err
}

// Delete deletes path; body is nil except for endpoints that take a list of what to remove.
func (c *Client) Delete(ctx context.Context, path string, body any) error {
	_, err := c.do(ctx, http.MethodDelete, path, body, nil)
	return err
}

func (c *Client) do(ctx context.Context, method, path string, body, out any) (*http.Response, error) {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return nil, fmt.Errorf("%s %s: encoding request: %w", method, path, err)
		}
	}

	reauthenticated := false
	for attempt := 0; ; attempt++ {
		token, err := c.accessToken(ctx)
		if err != nil {
			return nil, err
		}
		resp, respBody, err := c.send(ctx, method, path, token, payload)
		retryable := err != nil || resp.StatusCode >= 500
		if retryable && method == http.MethodGet && attempt < getRetries {
			tflog.Debug(ctx, "retrying Keycloak request", map[string]any{"method": method, "path": path, "attempt": attempt + 1})
			if err := sleep(ctx, time.Duration(attempt+1)*500*time.Millisecond); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", method, path, redactURL(err))
		}
		// The token may have been revoked or Keycloak restarted: sign in again once.
		if resp.StatusCode == http.StatusUnauthorized && !reauthenticated {
			reauthenticated = true
			c.dropToken(token)
			continue
		}
		if resp.StatusCode >= 300 {
			return nil, &Error{Method: method, Path: path, Status: resp.StatusCode, Message: errorMessage(respBody)}
		}
		if out != nil && len(respBody) > 0 {
			if err := json.Unmarshal(respBody, out); err != nil {
				return nil, fmt.Errorf("%s %s: decoding answer: %w", method, path, err)
			}
		}
		return resp, nil
	}
}

// send makes one request and reads the whole answer, so that the connection can be reused.
func (c *Client) send(ctx context.Context, method, path, token string, payload []byte) (*http.Response, []byte, error) {
	var reader io.Reader
	if payload != nil {
		reader = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, reader)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(resp.Body)
	tflog.Debug(ctx, "Keycloak request", map[string]any{
		"method": method, "path": path, "status": resp.StatusCode, "duration_ms": time.Since(start).Milliseconds(),
	})
	return resp, respBody, err
}

// accessToken returns a token valid for a while longer, signing in when there is none.
// The lock is held while signing in so that parallel requests wait for one sign-in.
func (c *Client) accessToken(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != "" && time.Now().Before(c.expiry) {
		return c.token, nil
	}
	token, lifetime, err := c.signIn(ctx)
	if err != nil {
		return "", err
	}
	// Renew ahead of expiry so that a token does not run out in flight.
	margin := min(lifetime/2, 10*time.Second)
	c.token, c.expiry = token, time.Now().Add(lifetime-margin)
	return token, nil
}

func (c *Client) dropToken(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token == token {
		c.token = ""
	}
}

func (c *Client) signIn(ctx context.Context) (string, time.Duration, error) {
	form := url.Values{"client_id": {c.cfg.ClientID}}
	if c.cfg.Username != "" {
		form.Set("grant_type", "password")
		form.Set("username", c.cfg.Username)
		form.Set("password", c.cfg.Password)
	} else {
		form.Set("grant_type", "client_credentials")
	}
	if c.cfg.ClientSecret != "" {
		form.Set("client_secret", c.cfg.ClientSecret)
	}
	path := "/realms/" + url.PathEscape(c.cfg.Realm) + "/protocol/openid-connect/token"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return "", 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)

	resp, err := c.http.Do(req)
	if err != nil {
		return "", 0, fmt.Errorf("signing in to Keycloak: POST %s: %w", path, redactURL(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", 0, fmt.Errorf("signing in to Keycloak: POST %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		apiErr := &Error{Method: http.MethodPost, Path: path, Status: resp.StatusCode, Message: errorMessage(body)}
		return "", 0, fmt.Errorf("signing in to Keycloak as %s with the %s grant: %w", c.principal(), form.Get("grant_type"), apiErr)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.Unmarshal(body, &tok); err != nil || tok.AccessToken == "" {
		return "", 0, fmt.Errorf("signing in to Keycloak: POST %s: the answer holds no access token", path)
	}
	tflog.Debug(ctx, "signed in to Keycloak", map[string]any{"realm": c.cfg.Realm, "expires_in": tok.ExpiresIn})
	return tok.AccessToken, time.Duration(tok.ExpiresIn) * time.Second, nil
}

func (c *Client) principal() string {
	if c.cfg.Username != "" {
		return fmt.Sprintf("user %q (client %q)", c.cfg.Username, c.cfg.ClientID)
	}
	return fmt.Sprintf("client %q", c.cfg.ClientID)
}

// errorMessage picks Keycloak's explanation out of an error answer. Keycloak uses several
// shapes: {"errorMessage"}, {"error","error_description"} and plain text.
func errorMessage(body []byte) string {
	var e struct {
		ErrorMessage     string `json:"errorMessage"`
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	if json.Unmarshal(body, &e) == nil {
		switch {
		case e.ErrorMessage != "":
			return e.ErrorMessage
		case e.Error != "" && e.ErrorDescription != "":
			return e.Error + ": " + e.ErrorDescription
		case e.Error != "":
			return e.Error
		}
	}
	text := strings.TrimSpace(string(body))
	if strings.HasPrefix(text, "<") { // an HTML error page says nothing useful
		return ""
	}
	const limit = 300
	if len(text) > limit {
		text = text[:limit] + "…"
	}
	return text
}

// redactURL keeps the cause of a transport error but drops the URL that net/http adds,
// which the caller already names by method and path.
func redactURL(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err
	}
	return err
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
