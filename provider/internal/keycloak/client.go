// Package keycloak is a small client for Keycloak's admin REST API: it signs in with the
// password or client-credentials grant, keeps the access token fresh, and turns error
// responses into errors that name the request but never a secret.
package keycloak

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net"
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
	// RetryWindow is how long one request, sign-in included, is repeated after transient
	// failures (see transient) before its last error is returned; 0 means DefaultRetryWindow.
	RetryWindow time.Duration
}

// DefaultRetryWindow lets a request outlast a Keycloak that is unreachable for a minute
// (restarted, paused, a network drop), with room for the attempt in flight when it came back:
// up to client_timeout, and a backoff of up to maxBackoff.
const DefaultRetryWindow = 120 * time.Second

// Backoff between attempts: doubling from minBackoff up to maxBackoff, each wait drawn from
// its upper half, so that the 30 requests the engine runs at once do not return in step.
const (
	minBackoff = time.Second
	maxBackoff = 10 * time.Second
)

// Client is safe for concurrent use: Terraform calls resources in parallel.
type Client struct {
	cfg  Config
	base string // URL + base path, without a trailing slash
	http *http.Client

	mu     sync.Mutex
	token  string
	expiry time.Time
	// The last sign-in's error and when it was given up on: requests that waited for that
	// sign-in share its result rather than each retrying for a whole window in turn.
	signInErr   error
	signInEnded time.Time

	// backoff is the wait before attempt n+1 (n from 0); tests shorten it.
	backoff func(n int) time.Duration

	// locks holds a *sync.Mutex per key given to Lock.
	locks sync.Map

	memo memo
}

// Lock takes the lock named key and returns its release. A resource that changes its entry of a
// list Keycloak replaces whole (GET the list, change the entry, PUT the list) holds the list's
// lock throughout, so that two resources doing so at once (the engine applies several at a time)
// do not put back lists that lack each other's change.
func (c *Client) Lock(key string) (unlock func()) {
	held, _ := c.locks.LoadOrStore(key, new(sync.Mutex))
	mu := held.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

// maxResponseBytes caps every answer the provider reads, so that a wrong or hostile server
// cannot make it hold an endless body in memory (Terraform runs 10 requests at once). The
// provider reads single objects (a client is 1–2 KB, a realm about 5 KB on Keycloak 26.7)
// and short lists: a client's scopes or role mappings, the realm's client scopes, clients
// looked up by clientId. None grows with the number of customers, so 32 MiB is far above
// any real answer; even a full listing of 10,000 clients (about 15 MB) would fit.
const maxResponseBytes = 32 << 20

// errResponseTooLarge is an answer over maxResponseBytes: refused, never parsed truncated.
var errResponseTooLarge = fmt.Errorf("the answer is larger than %d MiB; refusing to read it", maxResponseBytes>>20)

// New makes a client; it does not contact Keycloak until the first request.
func New(cfg Config) *Client {
	base := strings.TrimRight(cfg.URL, "/")
	if p := strings.Trim(cfg.BasePath, "/"); p != "" {
		base += "/" + p
	}
	// Terraform runs up to 10 operations at once: keep that many connections open for reuse.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 16
	if cfg.RetryWindow <= 0 {
		cfg.RetryWindow = DefaultRetryWindow
	}
	return &Client{cfg: cfg, base: base, backoff: jitteredBackoff, http: &http.Client{
		Timeout:   cfg.Timeout,
		Transport: transport,
		// No redirect is followed, not even to the same host: on a 307/308 net/http would
		// send the request body (the client secret or password) again, and on any redirect
		// the Authorization header, to wherever Location points. Keycloak's token and admin
		// endpoints answer directly, so a redirect means the url is wrong (http:// behind an
		// https:// upgrade, a missing base_path) or a server is hostile: both are errors.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// CheckURL applies the provider's rules to Keycloak's base URL and base path: https://, or
// http:// for a loopback host only, so that credentials and tokens never cross a network in
// clear text; a host; no user info, query or fragment; no "." or ".." path segment.
func CheckURL(rawURL, basePath string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("url is not a valid URL: %w", redactURL(err))
	}
	shown := u.Redacted()
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Errorf("url must start with https:// (or http:// for a loopback host), not %q", shown)
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("url must name a host, e.g. https://sso.example.com, not %q", shown)
	case u.Scheme == "http" && !isLoopback(u.Hostname()):
		return fmt.Errorf("url must use https://: http:// is accepted only for a loopback host "+
			"(localhost, 127.0.0.0/8, ::1), so that credentials never cross a network in clear text; got %q", shown)
	case u.User != nil:
		return fmt.Errorf("url must not carry user info; set client_id and client_secret (or username and password) instead; got %q", shown)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.HasSuffix(rawURL, "#"):
		return fmt.Errorf("url must not have a query or fragment, got %q", shown)
	}
	if err := checkSegments(u.EscapedPath()); err != nil {
		return fmt.Errorf("url %q: %w", shown, err)
	}
	if err := checkSegments(basePath); err != nil {
		return fmt.Errorf("base_path %q: %w", basePath, err)
	}
	return nil
}

// isLoopback reports whether host is localhost or a loopback address. Only the literal
// name localhost is trusted, not its subdomains: they need not resolve to this machine.
func isLoopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkSegments refuses a "." or ".." segment, also percent-encoded or hidden behind an
// encoded slash or backslash (..%2F..): a server or proxy that decodes and removes dot
// segments would otherwise call another endpoint than the one named.
func checkSegments(path string) error {
	for _, segment := range strings.Split(path, "/") {
		decoded, err := url.PathUnescape(segment)
		if err != nil {
			decoded = segment
		}
		for _, part := range strings.FieldsFunc(decoded, func(r rune) bool { return r == '/' || r == '\\' }) {
			if part == "." || part == ".." {
				return fmt.Errorf("the path segment %q is or hides a \".\" or \"..\" segment", segment)
			}
		}
	}
	return nil
}

// Error is a failed request. Message is Keycloak's own explanation, when it gave one.
type Error struct {
	Method  string
	Path    string
	Status  int
	Message string
	// Attempts is how often the request was sent: above 1, an earlier attempt whose answer was
	// lost may have been carried out, so a 409 can be the request's own doing.
	Attempts int
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s %s: HTTP %d %s", e.Method, e.Path, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (attempt %d)", e.Attempts)
	}
	return msg
}

// IsNotFound reports whether err is Keycloak answering 404.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusNotFound
}

// IsRepeatedRefusal reports whether err is a 400 or 409 answering a request sent again after an
// attempt whose answer was lost. Adding a role mapping that exists is answered either way
// (Keycloak 26.7: 409 "Duplicate resource error" for a scope mapping, 400 "Could not add user
// role or group mappings!" for a user's), so the caller checks whether the earlier attempt made it.
func IsRepeatedRefusal(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Status == http.StatusBadRequest || e.Status == http.StatusConflict) && e.Attempts > 1
}

// MadeByEarlierAttempt reports whether err refused role mappings POSTed again to path (a
// user's or a scope's mappings for one client or the realm) that an earlier attempt, whose
// answer was lost, did add: the mappings there now include every role with these ids (Keycloak
// adds the roles of one POST in one transaction, all or none).
func (c *Client) MadeByEarlierAttempt(ctx context.Context, err error, path string, roleIDs ...string) bool {
	if !IsRepeatedRefusal(err) {
		return false
	}
	var mapped []Rep
	if c.Get(ctx, path, &mapped) != nil {
		return false
	}
	held := map[string]bool{}
	for _, role := range mapped {
		held[role.String("id")] = true
	}
	for _, id := range roleIDs {
		if !held[id] {
			return false
		}
	}
	return len(roleIDs) > 0
}

// IsRepeatedConflict reports whether err is a 409 answering a request sent again after an
// attempt whose answer was lost: the object it names may be the earlier attempt's.
func IsRepeatedConflict(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusConflict && e.Attempts > 1
}

// Path joins path segments under /admin/realms, escaping each one, so that names with
// slashes or spaces cannot change which endpoint is called. PathEscape leaves "." and "..",
// which every request refuses (see checkPath) rather than let them climb out of the path.
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

// Create posts rep, an object Keycloak stores under the id it is given (a client, a client
// scope, a protocol mapper), to the collection at path and returns its id. The id is chosen
// here, so that a POST repeated after a lost answer and refused as a duplicate can find what
// its earlier attempt made: an object under that fresh id can be no one else's.
func (c *Client) Create(ctx context.Context, path string, rep Rep) (string, error) {
	id, err := newID()
	if err != nil {
		return "", fmt.Errorf("POST %s: choosing an id: %w", path, err)
	}
	rep["id"] = id
	located, err := c.Post(ctx, path, rep)
	if IsRepeatedConflict(err) {
		var earlier Rep
		if c.Get(ctx, path+"/"+url.PathEscape(id), &earlier) == nil {
			tflog.Info(ctx, "a repeated create found what its earlier attempt made", map[string]any{"path": path, "id": id})
			return id, nil
		}
	}
	if err != nil {
		return "", err
	}
	if located != "" {
		return located, nil
	}
	return id, nil
}

// newID is a random (version 4) UUID, the form of the ids Keycloak makes itself.
func newID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
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

// checkPath refuses a request path (from Path, with an optional query) with an empty, "."
// or ".." segment, so that an empty or dot-segment realm, id or name cannot change which
// endpoint is called, e.g. DELETE /admin/realms/r/clients/.. deleting the realm.
func checkPath(method, path string) error {
	p, _, _ := strings.Cut(path, "?")
	err := checkSegments(p)
	if err == nil && (strings.Contains(p, "//") || strings.HasSuffix(p, "/")) {
		err = errors.New("a path segment is empty")
	}
	if err != nil {
		return fmt.Errorf("%s %s: refusing the request: %w; a realm, id or name must not be empty, \".\" or \"..\"", method, p, err)
	}
	return nil
}

func (c *Client) do(ctx context.Context, method, path string, body, out any) (*http.Response, error) {
	if err := checkPath(method, path); err != nil {
		return nil, err
	}
	// Forgotten once the write is answered, or failed: a read after it finds it.
	defer c.memo.forget(method, path)
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return nil, fmt.Errorf("%s %s: encoding request: %w", method, path, err)
		}
	}

	reauthenticated := false
	for {
		token, err := c.accessToken(ctx)
		if err != nil {
			return nil, err
		}
		resp, respBody, attempts, err := c.exchange(ctx, method, path, func() (*http.Request, error) {
			return c.adminRequest(ctx, method, path, token, payload)
		})
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", method, path, err)
		}
		if err := redirectError(method, path, resp); err != nil {
			return nil, err
		}
		// The token may have been revoked or Keycloak restarted: sign in again once.
		if resp.StatusCode == http.StatusUnauthorized && !reauthenticated {
			reauthenticated = true
			c.dropToken(token)
			continue
		}
		if resp.StatusCode >= 300 {
			return nil, &Error{Method: method, Path: path, Status: resp.StatusCode, Message: errorMessage(respBody), Attempts: attempts}
		}
		if out != nil && len(respBody) > 0 {
			if err := json.Unmarshal(respBody, out); err != nil {
				return nil, fmt.Errorf("%s %s: decoding answer: %w", method, path, err)
			}
		}
		return resp, nil
	}
}

// exchange sends a request made by newRequest and reads its answer, sending it again after a
// transient failure, with backoff, while the retry window that opened with the first attempt
// lasts. Every request is repeated, writes too: the resources make theirs safe to repeat (a
// PUT sets the same state again; a DELETE finding nothing is done; a create takes the 409 of
// its own earlier attempt, see Create). It returns how many attempts were sent; the error is
// a transport error, whose URL is dropped (the caller names the request).
func (c *Client) exchange(ctx context.Context, method, path string, newRequest func() (*http.Request, error)) (*http.Response, []byte, int, error) {
	deadline := time.Now().Add(c.cfg.RetryWindow)
	for attempt := 1; ; attempt++ {
		req, err := newRequest()
		if err != nil {
			return nil, nil, attempt, err
		}
		resp, body, err := c.roundTrip(ctx, req)
		cause := transient(method, resp, err)
		if cause == "" || ctx.Err() != nil {
			return resp, body, attempt, redactURL(err)
		}
		wait := c.backoff(attempt - 1)
		if time.Now().Add(wait).After(deadline) {
			if err != nil {
				err = fmt.Errorf("%w (%d attempts in %s)", redactURL(err), attempt, c.cfg.RetryWindow)
			}
			return resp, body, attempt, err
		}
		tflog.Warn(ctx, "Keycloak request failed; retrying", map[string]any{
			"method": method, "path": path, "attempt": attempt, "cause": cause, "wait_ms": wait.Milliseconds(),
		})
		if err := sleep(ctx, wait); err != nil {
			return nil, nil, attempt, err
		}
	}
}

// transient names what makes an attempt worth repeating, or is "": Keycloak unreachable or
// slow (a transport error other than an oversized answer), overloaded (429), or a proxy in
// front of it without an answer (502, 503, 504). A 500 is repeated for reads only: it is as
// likely a request Keycloak cannot carry out, which a write would meet again.
func transient(method string, resp *http.Response, err error) string {
	switch {
	case err != nil && !errors.Is(err, errResponseTooLarge):
		return redactURL(err).Error()
	case err != nil:
		return ""
	case resp.StatusCode == http.StatusTooManyRequests, resp.StatusCode == http.StatusBadGateway,
		resp.StatusCode == http.StatusServiceUnavailable, resp.StatusCode == http.StatusGatewayTimeout,
		resp.StatusCode == http.StatusInternalServerError && method == http.MethodGet:
		return resp.Status
	}
	return ""
}

// jitteredBackoff waits minBackoff·2ⁿ, at most maxBackoff, less a random part of up to half.
func jitteredBackoff(n int) time.Duration {
	d := maxBackoff
	if n < 4 {
		d = min(maxBackoff, minBackoff<<n)
	}
	return d - time.Duration(mrand.Int64N(int64(d/2)+1))
}

// adminRequest is one attempt of an admin API request.
func (c *Client) adminRequest(ctx context.Context, method, path, token string, payload []byte) (*http.Request, error) {
	var reader io.Reader
	if payload != nil {
		reader = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, reader)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// roundTrip makes one request and reads the whole answer, so that the connection can be reused.
func (c *Client) roundTrip(ctx context.Context, req *http.Request) (*http.Response, []byte, error) {
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	respBody, err := readBody(resp.Body)
	tflog.Debug(ctx, "Keycloak request", map[string]any{
		"method": req.Method, "path": req.URL.Path, "status": resp.StatusCode, "duration_ms": time.Since(start).Milliseconds(),
	})
	return resp, respBody, err
}

// accessToken returns a token valid for a while longer, signing in when there is none.
// The lock is held while signing in so that parallel requests wait for one sign-in, and
// take its error when it failed after they began to wait.
func (c *Client) accessToken(ctx context.Context) (string, error) {
	asked := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != "" && time.Now().Before(c.expiry) {
		return c.token, nil
	}
	if c.signInErr != nil && c.signInEnded.After(asked) {
		return "", c.signInErr
	}
	token, lifetime, err := c.signIn(ctx)
	if err != nil {
		c.signInErr, c.signInEnded = err, time.Now()
		return "", err
	}
	// Renew ahead of expiry so that a token does not run out in flight.
	margin := min(lifetime/2, 10*time.Second)
	c.token, c.expiry = token, time.Now().Add(lifetime-margin)
	return token, nil
}

// SignInAgain makes the next request sign in afresh. A token carries the roles its holder had when
// it was issued: after creating a realm, whose admin roles Keycloak then grants the creator, Keycloak
// 26.4 answers an older token's read of that realm with its name only.
func (c *Client) SignInAgain() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.token = ""
}

func (c *Client) dropToken(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token == token {
		c.token = ""
	}
}

func (c *Client) signIn(ctx context.Context) (string, time.Duration, error) {
	form := url.Values{}
	if c.cfg.Username != "" {
		form.Set("grant_type", "password")
		form.Set("username", c.cfg.Username)
		form.Set("password", c.cfg.Password)
	} else {
		form.Set("grant_type", "client_credentials")
	}
	// A public client such as admin-cli names itself in the body and has no secret.
	if c.cfg.ClientSecret == "" {
		form.Set("client_id", c.cfg.ClientID)
	}
	path := "/realms/" + url.PathEscape(c.cfg.Realm) + "/protocol/openid-connect/token"
	if err := checkPath(http.MethodPost, path); err != nil {
		return "", 0, fmt.Errorf("signing in to Keycloak: realm %q: %w", c.cfg.Realm, err)
	}
	resp, body, _, err := c.exchange(ctx, http.MethodPost, path, func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
		if err != nil {
			return nil, err
		}
		if c.cfg.ClientSecret != "" {
			// A confidential client authenticates with HTTP Basic (RFC 6749 §2.3.1): id and
			// secret are form-urlencoded first, which Keycloak decodes.
			req.SetBasicAuth(url.QueryEscape(c.cfg.ClientID), url.QueryEscape(c.cfg.ClientSecret))
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", c.cfg.UserAgent)
		return req, nil
	})
	if err != nil {
		return "", 0, fmt.Errorf("signing in to Keycloak: POST %s: %w", path, err)
	}
	if err := redirectError(http.MethodPost, path, resp); err != nil {
		return "", 0, fmt.Errorf("signing in to Keycloak: %w", err)
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

// readBody reads a whole answer, up to maxResponseBytes.
func readBody(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, maxResponseBytes+1))
	if err == nil && len(body) > maxResponseBytes {
		return nil, errResponseTooLarge
	}
	return body, err
}

// redirectError turns a redirect, which the client never follows, into an error that names
// where it pointed by scheme and host only: a Location's path or query may carry anything.
func redirectError(method, path string, resp *http.Response) error {
	if resp.StatusCode < 300 || resp.StatusCode >= 400 {
		return nil
	}
	target := "no Location"
	if loc, err := resp.Location(); err == nil {
		target = fmt.Sprintf("%s://%s", loc.Scheme, loc.Host)
	} else if resp.Header.Get("Location") != "" {
		target = "an unreadable Location"
	}
	return fmt.Errorf("%s %s: HTTP %d %s to %s: the provider follows no redirects; "+
		"set url (KEYCLOAK_URL) and base_path to the address Keycloak answers on itself",
		method, path, resp.StatusCode, http.StatusText(resp.StatusCode), target)
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
