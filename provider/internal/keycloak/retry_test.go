package keycloak

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// unreachableClient is a client of an address where nothing listens, retrying every 20 ms for window.
func unreachableClient(t *testing.T, window time.Duration) *Client {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + listener.Addr().String()
	listener.Close()
	c := quickClient(t, url, window)
	c.backoff = func(int) time.Duration { return 20 * time.Millisecond }
	return c
}

// quickClient is a client of srv that waits 1 ms between attempts and retries for window.
func quickClient(t *testing.T, url string, window time.Duration) *Client {
	t.Helper()
	c := New(Config{URL: url, Realm: "master", ClientID: "tf", ClientSecret: "s3cret", Timeout: 2 * time.Second, RetryWindow: window})
	c.backoff = func(int) time.Duration { return time.Millisecond }
	return c
}

// dropConnection closes the connection without an answer, as a Keycloak that went away does.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	conn.Close()
}

// flaky answers the first `failures` admin requests (and sign-ins, when signInFails) with fail,
// then 200 with {"ok":true}; it counts admin requests.
type flaky struct {
	t           *testing.T
	failures    int32
	signInFails bool
	fail        func(t *testing.T, w http.ResponseWriter)
	signIns     atomic.Int32
	requests    atomic.Int32
}

func (f *flaky) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/token") {
		if f.signInFails && f.signIns.Add(1) <= f.failures {
			f.fail(f.t, w)
			return
		}
		tokenHandler(w, r)
		return
	}
	if f.requests.Add(1) <= f.failures {
		f.fail(f.t, w)
		return
	}
	w.Write([]byte(`{"ok":true}`))
}

func status(code int) func(*testing.T, http.ResponseWriter) {
	return func(_ *testing.T, w http.ResponseWriter) { w.WriteHeader(code) }
}

func TestTransientFailuresAreRetriedForEveryMethod(t *testing.T) {
	failures := map[string]func(*testing.T, http.ResponseWriter){
		"connection dropped": dropConnection,
		"429":                status(http.StatusTooManyRequests),
		"502":                status(http.StatusBadGateway),
		"503":                status(http.StatusServiceUnavailable),
		"504":                status(http.StatusGatewayTimeout),
	}
	calls := map[string]func(*Client) error{
		"GET":    func(c *Client) error { return c.Get(context.Background(), Path("r"), nil) },
		"PUT":    func(c *Client) error { return c.Put(context.Background(), Path("r"), Rep{}) },
		"POST":   func(c *Client) error { _, err := c.Post(context.Background(), Path("r"), Rep{}); return err },
		"DELETE": func(c *Client) error { return c.Delete(context.Background(), Path("r"), nil) },
	}
	for failure, fail := range failures {
		for method, call := range calls {
			t.Run(method+" after "+failure, func(t *testing.T) {
				// GIVEN a Keycloak that fails three times, then answers
				f := &flaky{t: t, failures: 3, fail: fail}
				srv := httptest.NewServer(f)
				t.Cleanup(srv.Close)

				// WHEN
				err := call(quickClient(t, srv.URL, time.Minute))

				// THEN the fourth attempt succeeds
				if err != nil || f.requests.Load() != 4 {
					t.Fatalf("err %v after %d requests, want success at the 4th", err, f.requests.Load())
				}
			})
		}
	}
}

func TestSignInIsRetried(t *testing.T) {
	for name, fail := range map[string]func(*testing.T, http.ResponseWriter){"connection dropped": dropConnection, "503": status(http.StatusServiceUnavailable)} {
		t.Run(name, func(t *testing.T) {
			// GIVEN a Keycloak whose token endpoint fails twice
			f := &flaky{t: t, failures: 2, signInFails: true, fail: fail}
			srv := httptest.NewServer(f)
			t.Cleanup(srv.Close)

			// WHEN
			err := quickClient(t, srv.URL, time.Minute).Get(context.Background(), Path("r"), nil)

			// THEN the third sign-in succeeds and the request goes through
			if err != nil || f.signIns.Load() != 3 {
				t.Fatalf("err %v after %d sign-ins, want success at the 3rd", err, f.signIns.Load())
			}
		})
	}
}

func TestRetriesAnAttemptThatTimesOut(t *testing.T) {
	// GIVEN a Keycloak whose first answer comes after the client's timeout
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/token") {
			tokenHandler(w, r)
			return
		}
		if requests.Add(1) == 1 {
			time.Sleep(300 * time.Millisecond)
		}
		w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	c := quickClient(t, srv.URL, time.Minute)
	c.http.Timeout = 100 * time.Millisecond

	// WHEN
	err := c.Put(context.Background(), Path("r"), Rep{})

	// THEN the second attempt answers in time
	if err != nil || requests.Load() != 2 {
		t.Fatalf("err %v after %d requests, want success at the 2nd", err, requests.Load())
	}
}

func TestRejectsAServerErrorOfAWriteWithoutRetrying(t *testing.T) {
	// GIVEN a Keycloak that answers 500 (a request it cannot carry out)
	f := &flaky{t: t, failures: 100, fail: status(http.StatusInternalServerError)}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := quickClient(t, srv.URL, time.Minute)

	// WHEN
	putErr := c.Put(context.Background(), Path("r"), Rep{})
	puts := f.requests.Load()
	getErr := c.Get(context.Background(), Path("r"), nil)

	// THEN the PUT is sent once; a GET is repeated (until the window closes)
	if putErr == nil || puts != 1 {
		t.Fatalf("PUT: err %v after %d requests, want HTTP 500 after 1", putErr, puts)
	}
	if getErr != nil || f.requests.Load() != 2+100-1 {
		t.Fatalf("GET: err %v after %d requests", getErr, f.requests.Load()-1)
	}
}

func TestGivesUpWhenTheRetryWindowCloses(t *testing.T) {
	// GIVEN an address where nothing listens
	c := unreachableClient(t, 200*time.Millisecond)

	// WHEN
	started := time.Now()
	err := c.Get(context.Background(), Path("r"), nil)

	// THEN sign-in fails once the window closed, naming the cause and the attempts
	elapsed := time.Since(started)
	if err == nil || !strings.Contains(err.Error(), "connection refused") || !strings.Contains(err.Error(), "attempts in 200ms") {
		t.Fatalf("got %v", err)
	}
	if elapsed < 180*time.Millisecond || elapsed > 2*time.Second {
		t.Fatalf("gave up after %s, want about the 200ms window", elapsed)
	}
}

func TestStopsRetryingWhenTheContextEnds(t *testing.T) {
	// GIVEN a Keycloak that is always unavailable
	f := &flaky{t: t, failures: 1 << 30, fail: status(http.StatusServiceUnavailable)}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := quickClient(t, srv.URL, time.Hour)
	c.backoff = func(int) time.Duration { return 10 * time.Millisecond }
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()

	// WHEN the engine cancels the request (an interrupt)
	err := c.Get(ctx, Path("r"), nil)

	// THEN
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want the context's end", err)
	}
}

// clients is a Keycloak's clients collection: POST stores a client under the id it carries
// (409 for a clientId taken), GET /clients/{id} reads one. loseAnswers drops the connection
// after the first n POSTs were carried out, as a Keycloak paused past the client's timeout does.
type clients struct {
	t           *testing.T
	mu          sync.Mutex
	byID        map[string]Rep
	loseAnswers int
	unavailable int // POSTs answered 503 without being carried out
	posts       int
}

func (k *clients) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/token") {
		tokenHandler(w, r)
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	const collection = "/admin/realms/r/clients"
	switch {
	case r.Method == http.MethodPost && r.URL.Path == collection:
		k.posts++
		if k.posts <= k.unavailable {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		var rep Rep
		json.NewDecoder(r.Body).Decode(&rep)
		for _, c := range k.byID {
			if c.String("clientId") == rep.String("clientId") {
				w.WriteHeader(http.StatusConflict)
				w.Write([]byte(`{"errorMessage":"Client ` + rep.String("clientId") + ` already exists"}`))
				return
			}
		}
		k.byID[rep.String("id")] = rep
		if k.posts <= k.unavailable+k.loseAnswers {
			dropConnection(k.t, w)
			return
		}
		w.Header().Set("Location", "http://kc"+collection+"/"+rep.String("id"))
		w.WriteHeader(http.StatusCreated)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, collection+"/"):
		rep, ok := k.byID[strings.TrimPrefix(r.URL.Path, collection+"/")]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		json.NewEncoder(w).Encode(rep)
	default:
		w.WriteHeader(http.StatusBadRequest)
	}
}

func TestCreate(t *testing.T) {
	handMade := Rep{"id": "hand-made", "clientId": "acme"}
	cases := []struct {
		name                     string
		existing                 []Rep
		unavailable, loseAnswers int
		wantErr                  string
	}{
		{name: "creates the client under an id it chose"},
		{name: "takes the client its earlier attempt made when that answer was lost", loseAnswers: 1},
		{name: "takes it after several lost answers", loseAnswers: 3},
		{name: "rejects a hand-made client with the same clientId", existing: []Rep{handMade},
			wantErr: "POST /admin/realms/r/clients: HTTP 409 Conflict: Client acme already exists"},
		{name: "rejects a hand-made client with the same clientId after a 503", existing: []Rep{handMade}, unavailable: 1,
			wantErr: "HTTP 409 Conflict: Client acme already exists (attempt 2)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// GIVEN
			k := &clients{t: t, byID: map[string]Rep{}, unavailable: tc.unavailable, loseAnswers: tc.loseAnswers}
			for _, c := range tc.existing {
				k.byID[c.String("id")] = c
			}
			srv := httptest.NewServer(k)
			t.Cleanup(srv.Close)

			// WHEN
			id, err := quickClient(t, srv.URL, time.Minute).Create(context.Background(), Path("r", "clients"), Rep{"clientId": "acme"})

			// THEN
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got id %q, err %v; want %q", id, err, tc.wantErr)
				}
				if len(k.byID) != len(tc.existing) {
					t.Fatalf("%d clients, want the hand-made one only", len(k.byID))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(k.byID) != 1 || k.byID[id].String("clientId") != "acme" {
				t.Fatalf("id %q, clients %v; want exactly one, under the id returned", id, k.byID)
			}
			if len(id) != 36 || id[14] != '4' {
				t.Fatalf("id %q is not a version 4 UUID", id)
			}
		})
	}
}

func TestRequestsWaitingForAFailedSignInShareItsError(t *testing.T) {
	// GIVEN an address where nothing listens, and 20 requests at once
	c := unreachableClient(t, 300*time.Millisecond)

	// WHEN
	started := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, 20)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = c.Get(context.Background(), Path("r"), nil)
		}()
	}
	wg.Wait()

	// THEN they fail together after one window, not one window each in turn
	if elapsed := time.Since(started); elapsed > 2*time.Second {
		t.Fatalf("20 requests gave up after %s, want about one 300ms window", elapsed)
	}
	for _, err := range errs {
		if err == nil || !strings.Contains(err.Error(), "connection refused") {
			t.Fatalf("got %v, want the sign-in's connection refused", err)
		}
	}
}

// mappings answers a role-mapping POST first after the client's timeout (Keycloak carried it
// out, the answer was lost), then as Keycloak 26.7 answers a mapping that exists; GET lists it.
type mappings struct {
	refusal int
	added   atomic.Bool
	posts   atomic.Int32
}

func (m *mappings) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasSuffix(r.URL.Path, "/token"):
		tokenHandler(w, r)
	case r.Method == http.MethodPost && m.posts.Add(1) == 1:
		m.added.Store(true)
		time.Sleep(300 * time.Millisecond)
	case r.Method == http.MethodPost:
		w.WriteHeader(m.refusal)
		w.Write([]byte(`{"error":"invalid_request","error_description":"Could not add user role or group mappings!"}`))
	case m.added.Load():
		w.Write([]byte(`[{"id":"role-1","name":"orders:read"}]`))
	default:
		w.Write([]byte(`[]`))
	}
}

func TestARoleMappingPostedAgainIsTakenAsMadeWhenKeycloakHoldsIt(t *testing.T) {
	for _, refusal := range []int{http.StatusBadRequest, http.StatusConflict} {
		t.Run(http.StatusText(refusal), func(t *testing.T) {
			// GIVEN a POST whose first answer is lost after Keycloak added the mapping
			m := &mappings{refusal: refusal}
			srv := httptest.NewServer(m)
			t.Cleanup(srv.Close)
			c := quickClient(t, srv.URL, time.Minute)
			c.http.Timeout = 100 * time.Millisecond
			path := Path("r", "users", "u", "role-mappings", "clients", "c")

			// WHEN
			_, err := c.Post(context.Background(), path, []Rep{{"id": "role-1"}})

			// THEN the repeated POST is refused, and the mapping is found to be the first attempt's
			if err == nil || !c.MadeByEarlierAttempt(context.Background(), err, path, "role-1") {
				t.Fatalf("err %v: want a refusal taken as made", err)
			}
			if c.MadeByEarlierAttempt(context.Background(), err, path, "role-2") {
				t.Fatal("a role Keycloak does not hold was taken as made")
			}
			if c.MadeByEarlierAttempt(context.Background(), err, path, "role-1", "role-2") {
				t.Fatal("roles of which Keycloak holds only one were taken as made")
			}
		})
	}
}

func TestARoleMappingRefusedAtTheFirstAttemptIsNotTakenAsMade(t *testing.T) {
	// GIVEN a Keycloak holding the mapping, refusing the only POST sent
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/token") {
			tokenHandler(w, r)
			return
		}
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Write([]byte(`[{"id":"role-1"}]`))
	}))
	t.Cleanup(srv.Close)
	c := quickClient(t, srv.URL, time.Minute)
	path := Path("r", "users", "u", "role-mappings", "realm")

	// WHEN
	_, err := c.Post(context.Background(), path, []Rep{{"id": "role-1"}})

	// THEN the refusal stands: nothing says an earlier attempt of this request made it
	if err == nil || c.MadeByEarlierAttempt(context.Background(), err, path, "role-1") {
		t.Fatalf("err %v: want a refusal that stands", err)
	}
}
