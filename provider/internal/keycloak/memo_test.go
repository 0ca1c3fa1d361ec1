package keycloak

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
)

// memoKeycloak answers a client with its scope lists, the realm's client scopes and a role, and
// 204 to every write; it records the reads.
type memoKeycloak struct {
	mu    sync.Mutex
	reads []string
}

func (f *memoKeycloak) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/realms/master/protocol/openid-connect/token" {
		json.NewEncoder(w).Encode(map[string]any{"access_token": "t", "expires_in": 300})
		return
	}
	if r.Method != http.MethodGet {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	f.mu.Lock()
	f.reads = append(f.reads, r.URL.Path)
	f.mu.Unlock()
	switch r.URL.Path {
	case "/admin/realms/r/clients/c":
		json.NewEncoder(w).Encode(map[string]any{"id": "c", "defaultClientScopes": []string{"basic"}, "optionalClientScopes": []string{"address"}})
	case "/admin/realms/r/clients/without-lists":
		json.NewEncoder(w).Encode(map[string]any{"id": "without-lists"})
	case "/admin/realms/r/client-scopes":
		json.NewEncoder(w).Encode([]map[string]string{{"id": "b", "name": "basic"}})
	case "/admin/realms/r/roles-by-id/x":
		json.NewEncoder(w).Encode(map[string]any{"id": "x", "name": "orders:read", "clientRole": true, "containerId": "api"})
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// taken is the reads since the last call.
func (f *memoKeycloak) taken() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	reads := f.reads
	f.reads = nil
	return reads
}

func newMemoClient(t *testing.T) (*Client, *memoKeycloak) {
	t.Helper()
	f := &memoKeycloak{}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return New(Config{URL: srv.URL, Realm: "master", ClientID: "tf", ClientSecret: "s"}), f
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestAClientsScopeListsAreHandedOutOnceEachFromItsRead(t *testing.T) {
	// GIVEN a client read
	kc, _ := newMemoClient(t)
	_, err := kc.ReadClient(context.Background(), "r", "c")
	mustDo(t, err)

	// WHEN its lists are taken, each twice
	defaults, optionals, ok := kc.TakeClientScopes("r", "c", "default")
	_, _, again := kc.TakeClientScopes("r", "c", "default")
	optionalsTaken, _, optionalOK := kc.TakeClientScopes("r", "c", "optional")

	// THEN each is handed out once, with the other kind beside it
	if !ok || !reflect.DeepEqual(defaults, []string{"basic"}) || !reflect.DeepEqual(optionals, []string{"address"}) || again {
		t.Errorf("default: %v %v %v, again %v", defaults, optionals, ok, again)
	}
	if !optionalOK || !reflect.DeepEqual(optionalsTaken, []string{"address"}) {
		t.Errorf("optional: %v %v", optionalsTaken, optionalOK)
	}
}

func TestAWriteToAClientForgetsItsScopeListsAndAWriteToOneListOnlyThatList(t *testing.T) {
	ctx := context.Background()
	kc, _ := newMemoClient(t)

	// GIVEN a client read, WHEN its default scopes are written
	_, err := kc.ReadClient(ctx, "r", "c")
	mustDo(t, err)
	mustDo(t, kc.Put(ctx, Path("r", "clients", "c", "default-client-scopes", "b"), nil))

	// THEN its default list is no longer handed out, its optional one still is
	if _, _, ok := kc.TakeClientScopes("r", "c", "default"); ok {
		t.Error("the default list was handed out after a write to it")
	}
	if _, _, ok := kc.TakeClientScopes("r", "c", "optional"); !ok {
		t.Error("the optional list was forgotten after a write to the default one")
	}

	// AND a write to the client itself forgets both
	_, err = kc.ReadClient(ctx, "r", "c")
	mustDo(t, err)
	mustDo(t, kc.Put(ctx, Path("r", "clients", "c"), map[string]any{}))
	if _, _, ok := kc.TakeClientScopes("r", "c", "optional"); ok {
		t.Error("the optional list was handed out after a write to the client")
	}
}

func TestTheRealmsScopesAreReadOnceAndAgainForANameTheyLackOrAfterAWrite(t *testing.T) {
	ctx := context.Background()
	kc, f := newMemoClient(t)

	// WHEN the realm's scopes are asked for three times, then for a name they lack, then after a write
	for range 3 {
		_, err := kc.ClientScopeIDs(ctx, "r", "basic")
		mustDo(t, err)
	}
	once := f.taken()
	_, err := kc.ClientScopeIDs(ctx, "r", "made-since")
	mustDo(t, err)
	lacking := f.taken()
	_, err = kc.Post(ctx, Path("r", "client-scopes"), map[string]any{})
	mustDo(t, err)
	_, err = kc.ClientScopeIDs(ctx, "r", "basic")
	mustDo(t, err)
	written := f.taken()

	// THEN one read each time
	for name, reads := range map[string][]string{"three asks": once, "a lacking name": lacking, "after a write": written} {
		if !reflect.DeepEqual(reads, []string{"/admin/realms/r/client-scopes"}) {
			t.Errorf("%s: %v", name, reads)
		}
	}
}

func TestARoleIsReadOncePerRunAndAgainAfterAWriteToRoles(t *testing.T) {
	ctx := context.Background()
	kc, f := newMemoClient(t)

	// WHEN a role is looked up twice, a client's role written, then looked up again
	for range 2 {
		role, err := kc.RoleByID(ctx, "r", "x")
		mustDo(t, err)
		role["name"] = "changed by a caller"
	}
	once := f.taken()
	mustDo(t, kc.Put(ctx, Path("r", "clients", "api", "roles", "orders:read"), map[string]any{}))
	role, err := kc.RoleByID(ctx, "r", "x")
	mustDo(t, err)

	// THEN one read before the write and one after; a caller's change to its copy is not kept
	if !reflect.DeepEqual(once, []string{"/admin/realms/r/roles-by-id/x"}) || len(f.taken()) != 1 {
		t.Errorf("reads %v", once)
	}
	if role.String("name") != "orders:read" {
		t.Errorf("role %v", role)
	}
}

func TestAClientReadWithoutScopeListsHandsNoneOut(t *testing.T) {
	// GIVEN a Keycloak whose client representation lacks the scope lists
	kc, _ := newMemoClient(t)
	_, err := kc.ReadClient(context.Background(), "r", "without-lists")
	mustDo(t, err)

	// THEN the scope resources read their lists themselves, rather than take them as empty
	if _, _, ok := kc.TakeClientScopes("r", "without-lists", "default"); ok {
		t.Error("empty lists were handed out for a representation without them")
	}
}
