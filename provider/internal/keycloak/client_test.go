package keycloak

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeKeycloak issues numbered tokens and serves GET /admin/realms/r, failing the first
// `failures` requests with failStatus.
type fakeKeycloak struct {
	signIns    atomic.Int32
	requests   atomic.Int32
	failures   int32
	failStatus int
	expiresIn  int
	revoked    sync.Map // tokens that answer 401
}

func (f *fakeKeycloak) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/realms/master/protocol/openid-connect/token" {
		if id, secret, _ := r.BasicAuth(); id != "tf" || secret != "s3cret" {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}`)
			return
		}
		n := f.signIns.Add(1)
		json.NewEncoder(w).Encode(map[string]any{"access_token": fmt.Sprintf("token-%d", n), "expires_in": f.expiresIn})
		return
	}
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if _, revoked := f.revoked.Load(token); revoked {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if f.requests.Add(1) <= f.failures {
		w.WriteHeader(f.failStatus)
		fmt.Fprint(w, `{"errorMessage":"try later"}`)
		return
	}
	if r.URL.Path == "/admin/realms/missing" {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":"Realm not found."}`)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"realm": "r", "token": token})
}

func newTestClient(t *testing.T, f *fakeKeycloak, secret string) *Client {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return New(Config{URL: srv.URL + "/", Realm: "master", ClientID: "tf", ClientSecret: secret, Timeout: 5 * time.Second})
}

// tokenUsed is the token that c's next request carries.
func tokenUsed(t *testing.T, c *Client) string {
	t.Helper()
	var rep Rep
	if err := c.Get(context.Background(), Path("r"), &rep); err != nil {
		t.Fatal(err)
	}
	return rep.String("token")
}

func TestTokenIsReusedAndRenewedBeforeExpiry(t *testing.T) {
	f := &fakeKeycloak{expiresIn: 300}
	c := newTestClient(t, f, "s3cret")
	for range 3 {
		tokenUsed(t, c)
	}
	if got := f.signIns.Load(); got != 1 {
		t.Fatalf("signed in %d times, want 1", got)
	}
	c.expiry = time.Now() // as if the token were about to run out
	if token := tokenUsed(t, c); token != "token-2" {
		t.Fatalf("used %q, want a renewed token", token)
	}
}

func TestUnauthorizedSignsInAgainOnce(t *testing.T) {
	f := &fakeKeycloak{expiresIn: 300}
	f.revoked.Store("token-1", true)
	c := newTestClient(t, f, "s3cret")
	if token := tokenUsed(t, c); token != "token-2" || f.signIns.Load() != 2 {
		t.Fatalf("token %q after %d sign-ins, want token-2 after 2", token, f.signIns.Load())
	}
}

func TestSignInAgainGetsAFreshTokenForTheNextRequest(t *testing.T) {
	// GIVEN a client holding a token still valid
	f := &fakeKeycloak{expiresIn: 300}
	c := newTestClient(t, f, "s3cret")
	tokenUsed(t, c)

	// WHEN
	c.SignInAgain()

	// THEN the next request carries a new token, with the roles its holder has now
	if token := tokenUsed(t, c); token != "token-2" {
		t.Fatalf("used %q, want token-2", token)
	}
}

func TestErrorsNameTheRequestButNoSecret(t *testing.T) {
	f := &fakeKeycloak{expiresIn: 300}
	err := newTestClient(t, f, "s3cret").Get(context.Background(), Path("missing"), nil)
	if !IsNotFound(err) || err.Error() != "GET /admin/realms/missing: HTTP 404 Not Found: Realm not found." {
		t.Fatalf("got %v", err)
	}
	err = newTestClient(t, f, "wrong-secret").Get(context.Background(), Path("r"), nil)
	if err == nil || !strings.Contains(err.Error(), "HTTP 401") || !strings.Contains(err.Error(), "Invalid client") ||
		strings.Contains(err.Error(), "wrong-secret") {
		t.Fatalf("got %v", err)
	}
}

func TestPathEscapesSegments(t *testing.T) {
	if got := Path("my realm", "roles", "a/b"); got != "/admin/realms/my%20realm/roles/a%2Fb" {
		t.Fatalf("got %s", got)
	}
}

// tokenHandler answers every token request with a token and every other request with {}.
func tokenHandler(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/protocol/openid-connect/token") {
		fmt.Fprint(w, `{"access_token":"t","expires_in":300}`)
		return
	}
	fmt.Fprint(w, `{}`)
}

func TestTokenRequestAuthenticatesTheClientWithHTTPBasic(t *testing.T) {
	cases := []struct {
		name          string
		cfg           Config
		wantBasic     string // the Authorization header, "" for none
		wantForm      url.Values
		wantPrincipal string
	}{
		{
			name: "confidential client, client credentials grant: id and secret form-urlencoded, then base64",
			cfg:  Config{ClientID: "tf deploy:1", ClientSecret: "s3cr+t/=:é"},
			wantBasic: "Basic " + base64.StdEncoding.EncodeToString([]byte(
				"tf+deploy%3A1:s3cr%2Bt%2F%3D%3A%C3%A9")),
			wantForm: url.Values{"grant_type": {"client_credentials"}},
		},
		{
			name:      "confidential client, password grant: the user in the body, the client in Basic",
			cfg:       Config{ClientID: "tf", ClientSecret: "s3cret", Username: "admin", Password: "pw"},
			wantBasic: "Basic " + base64.StdEncoding.EncodeToString([]byte("tf:s3cret")),
			wantForm:  url.Values{"grant_type": {"password"}, "username": {"admin"}, "password": {"pw"}},
		},
		{
			name:     "public client (admin-cli), password grant: the client id in the body, no secret",
			cfg:      Config{ClientID: "admin-cli", Username: "admin", Password: "pw"},
			wantForm: url.Values{"grant_type": {"password"}, "client_id": {"admin-cli"}, "username": {"admin"}, "password": {"pw"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// GIVEN a Keycloak that records the token request
			var gotAuth string
			var gotForm url.Values
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasSuffix(r.URL.Path, "/token") {
					gotAuth = r.Header.Get("Authorization")
					r.ParseForm()
					gotForm = r.PostForm
				}
				tokenHandler(w, r)
			}))
			t.Cleanup(srv.Close)
			tc.cfg.URL, tc.cfg.Realm, tc.cfg.Timeout = srv.URL, "master", 5*time.Second

			// WHEN the provider signs in
			if err := New(tc.cfg).Get(context.Background(), Path("r"), nil); err != nil {
				t.Fatal(err)
			}

			// THEN the client authenticates as RFC 6749 §2.3.1 says, and no secret is in the body
			if gotAuth != tc.wantBasic {
				t.Errorf("Authorization %q, want %q", gotAuth, tc.wantBasic)
			}
			if !reflect.DeepEqual(gotForm, tc.wantForm) {
				t.Errorf("form %v, want %v", gotForm, tc.wantForm)
			}
		})
	}
}

func TestRejectsRedirects(t *testing.T) {
	const secret = "s3cret-never-resent"
	// Where the redirects point: any request arriving there means a redirect was followed.
	var followed atomic.Int32
	elsewhere := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		followed.Add(1)
		tokenHandler(w, r)
	})
	otherHost := httptest.NewServer(elsewhere)
	t.Cleanup(otherHost.Close)
	otherScheme := httptest.NewTLSServer(elsewhere)
	t.Cleanup(otherScheme.Close)
	targets := []struct {
		name     string
		location func(self string) string
		wantTo   func(self string) string
	}{
		{"to another host", func(string) string { return otherHost.URL + "/x" }, func(string) string { return otherHost.URL }},
		{"to another scheme", func(string) string { return otherScheme.URL + "/x" }, func(string) string { return otherScheme.URL }},
		{"to the same host", func(string) string { return "/elsewhere?secret=" + secret }, func(self string) string { return self }},
	}
	requests := []struct {
		name string
		call func(c *Client) error
		// which request the fake Keycloak redirects
		redirected func(r *http.Request) bool
		// how many requests Keycloak gets: none is repeated
		wantServed int32
	}{
		{"the token request", func(c *Client) error { return c.Get(context.Background(), Path("r"), nil) },
			func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, "/token") }, 1},
		{"an admin GET", func(c *Client) error { return c.Get(context.Background(), Path("r"), nil) },
			func(r *http.Request) bool { return r.URL.Path == "/admin/realms/r" }, 2},
		{"an admin PUT", func(c *Client) error { return c.Put(context.Background(), Path("r"), Rep{"a": secret}) },
			func(r *http.Request) bool { return r.URL.Path == "/admin/realms/r" }, 2},
	}
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		for _, target := range targets {
			for _, request := range requests {
				t.Run(fmt.Sprintf("rejects a %d %s on %s", status, target.name, request.name), func(t *testing.T) {
					// GIVEN a Keycloak that redirects one request
					followed.Store(0)
					var self string
					var served atomic.Int32
					srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						served.Add(1)
						if request.redirected(r) {
							w.Header().Set("Location", target.location(self))
							w.WriteHeader(status)
							return
						}
						if r.URL.Path == "/elsewhere" {
							t.Error("the redirect to the same host was followed")
						}
						tokenHandler(w, r)
					}))
					t.Cleanup(srv.Close)
					self = srv.URL
					c := New(Config{URL: srv.URL, Realm: "master", ClientID: "tf", ClientSecret: secret, Timeout: 5 * time.Second})

					// WHEN the request is made
					err := request.call(c)

					// THEN it fails naming the status and where the redirect pointed, the redirect
					// is not followed, not retried, and the error holds no secret
					want := fmt.Sprintf("HTTP %d %s to %s: the provider follows no redirects", status, http.StatusText(status), target.wantTo(self))
					if err == nil || !strings.Contains(err.Error(), want) {
						t.Fatalf("got %v, want an error containing %q", err, want)
					}
					if strings.Contains(err.Error(), secret) {
						t.Fatalf("the error shows the secret: %v", err)
					}
					if n := followed.Load(); n != 0 {
						t.Fatalf("the redirect target got %d requests", n)
					}
					if n := served.Load(); n != request.wantServed {
						t.Fatalf("Keycloak got %d requests, want %d (a redirect is not retried)", n, request.wantServed)
					}
				})
			}
		}
	}
}

func TestRejectsAnswersOverTheSizeCap(t *testing.T) {
	// jsonOfSize is a JSON object of exactly n bytes.
	jsonOfSize := func(n int) string {
		const head, tail = `{"pad":"`, `"}`
		return head + strings.Repeat("x", n-len(head)-len(tail)) + tail
	}
	cases := []struct {
		name      string
		tokenSize int // 0: a normal token answer
		adminSize int
		wantErr   string
	}{
		{name: "accepts an admin answer of exactly the cap", adminSize: maxResponseBytes},
		{name: "rejects an admin answer one byte over the cap", adminSize: maxResponseBytes + 1,
			wantErr: "GET /admin/realms/r: the answer is larger than 32 MiB; refusing to read it"},
		{name: "rejects a token answer one byte over the cap", tokenSize: maxResponseBytes + 1, adminSize: 2,
			wantErr: "signing in to Keycloak: POST /realms/master/protocol/openid-connect/token: the answer is larger than 32 MiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// GIVEN a Keycloak whose answers have the given sizes
			var adminRequests atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasSuffix(r.URL.Path, "/token") {
					if tc.tokenSize > 0 {
						fmt.Fprint(w, jsonOfSize(tc.tokenSize))
						return
					}
					tokenHandler(w, r)
					return
				}
				adminRequests.Add(1)
				fmt.Fprint(w, jsonOfSize(tc.adminSize))
			}))
			t.Cleanup(srv.Close)
			c := New(Config{URL: srv.URL, Realm: "master", ClientID: "tf", ClientSecret: "s3cret", Timeout: 10 * time.Second})

			// WHEN the provider reads it
			var rep Rep
			err := c.Get(context.Background(), Path("r"), &rep)

			// THEN an answer within the cap is parsed whole, a larger one is an error, not retried
			if tc.wantErr == "" {
				if err != nil || len(rep.String("pad")) != tc.adminSize-len(`{"pad":""}`) {
					t.Fatalf("err %v, parsed %d bytes of padding", err, len(rep.String("pad")))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, tc.wantErr)
			}
			if tc.tokenSize == 0 && adminRequests.Load() != 1 {
				t.Fatalf("the GET was sent %d times; an oversized answer is not retried", adminRequests.Load())
			}
		})
	}
}

func TestRejectsEmptyAndDotSegments(t *testing.T) {
	cases := []struct {
		name, realm, path string
	}{
		{"rejects a realm named ..", "master", Path("..")},
		{"rejects a client id of ..", "master", Path("r", "clients", "..")},
		{"rejects a role name of .", "master", Path("r", "roles", ".")},
		{"rejects a value hiding .. behind an encoded slash", "master", Path("r", "clients", "../..")},
		{"rejects a value hiding .. behind an encoded backslash", "master", Path("r", "clients", `..\..`)},
		{"rejects a percent-encoded .. in a path built by hand", "master", Path("r", "clients") + "/%2E%2e"},
		{"rejects an empty realm", "master", Path("")},
		{"rejects an empty id", "master", Path("r", "clients", "", "roles")},
		{"rejects signing in to a realm named ..", "..", Path("r")},
		{"rejects signing in to an empty realm", "", Path("r")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// GIVEN a Keycloak that counts requests
			var served atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				served.Add(1)
				tokenHandler(w, r)
			}))
			t.Cleanup(srv.Close)
			c := New(Config{URL: srv.URL, Realm: tc.realm, ClientID: "tf", ClientSecret: "s3cret", Timeout: 5 * time.Second})

			// WHEN a request is made for the path
			err := c.Delete(context.Background(), tc.path, nil)

			// THEN it is refused before anything is sent
			if err == nil || !strings.Contains(err.Error(), `refusing the request`) ||
				!strings.Contains(err.Error(), `a realm, id or name must not be empty, "." or ".."`) {
				t.Fatalf("got %v", err)
			}
			if n := served.Load(); n != 0 {
				t.Fatalf("Keycloak got %d requests", n)
			}
		})
	}
}

func TestAcceptsNamesWithDotsThatAreNoDotSegments(t *testing.T) {
	// GIVEN names that hold dots but are not "." or ".."
	var gotPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/token") {
			gotPath = r.URL.EscapedPath()
		}
		tokenHandler(w, r)
	}))
	t.Cleanup(srv.Close)
	c := New(Config{URL: srv.URL, Realm: "master", ClientID: "tf", ClientSecret: "s3cret", Timeout: 5 * time.Second})

	// WHEN they are requested
	err := c.Get(context.Background(), Path("my.realm", "clients", "...", "roles", "a..b", "%2e%2e"), nil)

	// THEN the request is sent with each name escaped, as it is
	if want := "/admin/realms/my.realm/clients/.../roles/a..b/%252e%252e"; err != nil || gotPath != want {
		t.Fatalf("err %v, path %q, want %q", err, gotPath, want)
	}
}

func TestCheckURL(t *testing.T) {
	accepted := []struct{ url, basePath string }{
		{"http://localhost:8080", ""},
		{"http://LOCALHOST:8080/", ""},
		{"http://127.0.0.1:32768", ""},
		{"http://127.4.5.6", ""},
		{"http://[::1]:8080", ""},
		{"https://keycloak.invalid", ""},
		{"https://sso.example.com/auth", "/auth"},
		{"https://10.0.0.5:8443", ""},
	}
	for _, tc := range accepted {
		if err := CheckURL(tc.url, tc.basePath); err != nil {
			t.Errorf("CheckURL(%q, %q): %v", tc.url, tc.basePath, err)
		}
	}
	const loopbackRule = "url must use https://: http:// is accepted only for a loopback host (localhost, 127.0.0.0/8, ::1)"
	rejected := []struct{ name, url, basePath, want string }{
		{"rejects http:// to a named host", "http://sso.example.com", "", loopbackRule},
		{"rejects http:// to a private address", "http://10.0.0.5:8080", "", loopbackRule},
		{"rejects http:// to a subdomain of localhost", "http://localhost.example.com", "", loopbackRule},
		{"rejects http:// to the unspecified address", "http://0.0.0.0:8080", "", loopbackRule},
		{"rejects http:// to an IPv6 address other than ::1", "http://[::2]:8080", "", loopbackRule},
		{"rejects another scheme", "ftp://sso.example.com", "", "url must start with https://"},
		{"rejects a URL without scheme", "sso.example.com", "", "url must start with https://"},
		{"rejects a URL without host", "https:///auth", "", "url must name a host"},
		{"rejects user info, without showing its password", "https://admin:hunter2@sso.example.com", "", "url must not carry user info"},
		{"rejects a query", "https://sso.example.com?realm=x", "", "url must not have a query or fragment"},
		{"rejects a fragment", "https://sso.example.com#x", "", "url must not have a query or fragment"},
		{"rejects a dot segment in the URL", "https://sso.example.com/auth/..", "", `the path segment ".." is or hides`},
		{"rejects an encoded dot segment in the URL", "https://sso.example.com/%2e%2e/x", "", `the path segment "%2e%2e" is or hides`},
		{"rejects a dot segment in the base path", "https://sso.example.com", "/auth/../admin", `base_path "/auth/../admin": the path segment ".."`},
	}
	for _, tc := range rejected {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckURL(tc.url, tc.basePath)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("CheckURL(%q, %q) = %v, want an error containing %q", tc.url, tc.basePath, err, tc.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Fatalf("the error shows the password: %v", err)
			}
		})
	}
}

func TestStopsReadingAnAnswerAtTheSizeCap(t *testing.T) {
	// GIVEN a Keycloak that streams an answer of twice the cap, counting what it could send
	sent := make(chan int, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/token") {
			tokenHandler(w, r)
			return
		}
		chunk := []byte(strings.Repeat("x", 64<<10))
		n := 0
		for n < 2*maxResponseBytes {
			if _, err := w.Write(chunk); err != nil {
				break
			}
			n += len(chunk)
		}
		sent <- n
	}))
	t.Cleanup(srv.Close)
	c := New(Config{URL: srv.URL, Realm: "master", ClientID: "tf", ClientSecret: "s3cret", Timeout: 10 * time.Second})

	// WHEN the provider reads it
	err := c.Get(context.Background(), Path("r"), nil)

	// THEN it refuses the answer and stops reading soon after the cap (socket buffers aside)
	if err == nil || !strings.Contains(err.Error(), "the answer is larger than 32 MiB") {
		t.Fatalf("got %v", err)
	}
	select {
	case n := <-sent:
		if n >= maxResponseBytes+maxResponseBytes/2 {
			t.Fatalf("Keycloak could send %d MiB; the provider read past the cap", n>>20)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Keycloak is still sending: the provider did not close the connection")
	}
}
