package keycloak

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
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
		if r.FormValue("client_secret") != "s3cret" {
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

func TestTokenIsReusedAndRenewedBeforeExpiry(t *testing.T) {
	f := &fakeKeycloak{expiresIn: 300}
	c := newTestClient(t, f, "s3cret")
	var rep Rep
	for range 3 {
		if err := c.Get(context.Background(), Path("r"), &rep); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.signIns.Load(); got != 1 {
		t.Fatalf("signed in %d times, want 1", got)
	}
	c.expiry = time.Now() // as if the token were about to run out
	if err := c.Get(context.Background(), Path("r"), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.String("token") != "token-2" {
		t.Fatalf("used %q, want a renewed token", rep.String("token"))
	}
}

func TestUnauthorizedSignsInAgainOnce(t *testing.T) {
	f := &fakeKeycloak{expiresIn: 300}
	f.revoked.Store("token-1", true)
	c := newTestClient(t, f, "s3cret")
	var rep Rep
	if err := c.Get(context.Background(), Path("r"), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.String("token") != "token-2" || f.signIns.Load() != 2 {
		t.Fatalf("token %q after %d sign-ins, want token-2 after 2", rep.String("token"), f.signIns.Load())
	}
}

func TestGetIsRetriedOnServerErrors(t *testing.T) {
	f := &fakeKeycloak{expiresIn: 300, failures: 2, failStatus: http.StatusBadGateway}
	c := newTestClient(t, f, "s3cret")
	if err := c.Get(context.Background(), Path("r"), nil); err != nil {
		t.Fatalf("GET after two 502s: %v", err)
	}
	f = &fakeKeycloak{expiresIn: 300, failures: 1, failStatus: http.StatusBadGateway}
	c = newTestClient(t, f, "s3cret")
	if err := c.Put(context.Background(), Path("r"), Rep{}); err == nil {
		t.Fatal("PUT was retried after a 502; only GETs are idempotent")
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
