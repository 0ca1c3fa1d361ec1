package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// fakeClientScopes is realm r's client scopes and client c's default and optional scopes,
// answering the admin API as Keycloak 26.7 does: an attach of a scope already in the client's
// other list is answered 204 and ignored. It records every admin request.
type fakeClientScopes struct {
	mu       sync.Mutex
	lists    map[string][]string // "default" or "optional" → attached scope ids
	requests []string            // "METHOD path", sign-in left out
}

// fakeScopeNames are realm r's client scopes, name by id.
var fakeScopeNames = map[string]string{"b": "basic", "ro": "roles", "sa": "service_account", "aud": "atlas-audience", "rd": "atlas-api:orders:read", "ad": "address"}

func newFakeClientScopes(defaults, optionals []string) *fakeClientScopes {
	return &fakeClientScopes{lists: map[string][]string{"default": defaults, "optional": optionals}}
}

func (f *fakeClientScopes) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/realms/master/protocol/openid-connect/token" {
		fmt.Fprint(w, `{"access_token":"t","expires_in":300}`)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path)
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/admin/realms/r/"), "/")
	scopes := func(ids []string) []map[string]string {
		out := []map[string]string{}
		for _, id := range ids {
			out = append(out, map[string]string{"id": id, "name": fakeScopeNames[id]})
		}
		return out
	}
	names := func(ids []string) []string {
		out := []string{}
		for _, id := range ids {
			out = append(out, fakeScopeNames[id])
		}
		return out
	}
	switch {
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "clients" && parts[1] == "c":
		json.NewEncoder(w).Encode(map[string]any{
			"id": "c", "clientId": "customer", "serviceAccountsEnabled": true,
			"defaultClientScopes": names(f.lists["default"]), "optionalClientScopes": names(f.lists["optional"]),
		})
	case r.Method == http.MethodGet && len(parts) == 3 && parts[0] == "clients" && parts[1] == "c" && parts[2] == "service-account-user":
		fmt.Fprint(w, `{"id":"sa"}`)
	case r.Method == http.MethodGet && len(parts) == 1 && parts[0] == "client-scopes":
		all := []string{}
		for id := range fakeScopeNames {
			all = append(all, id)
		}
		json.NewEncoder(w).Encode(scopes(all))
	case len(parts) >= 3 && parts[0] == "clients" && parts[1] == "c" && strings.HasSuffix(parts[2], "-client-scopes"):
		kind, other := strings.TrimSuffix(parts[2], "-client-scopes"), "optional"
		if kind == "optional" {
			other = "default"
		}
		switch {
		case r.Method == http.MethodGet && len(parts) == 3:
			json.NewEncoder(w).Encode(scopes(f.lists[kind]))
		case r.Method == http.MethodPut && len(parts) == 4:
			if !slices.Contains(f.lists[other], parts[3]) && !slices.Contains(f.lists[kind], parts[3]) {
				f.lists[kind] = append(f.lists[kind], parts[3])
			}
			w.WriteHeader(http.StatusNoContent)
		case r.Method == http.MethodDelete && len(parts) == 4:
			f.lists[kind] = slices.DeleteFunc(f.lists[kind], func(id string) bool { return id == parts[3] })
			w.WriteHeader(http.StatusNoContent)
		}
	default:
		notFound(w, "Not found")
	}
}

// sent is the requests made since the last call, sorted.
func (f *fakeClientScopes) sent() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	requests := f.requests
	f.requests = nil
	slices.Sort(requests)
	return requests
}

const (
	defaultScopesType  = "keycloak_openid_client_default_scopes"
	optionalScopesType = "keycloak_openid_client_optional_scopes"
	scopesOfC          = "/admin/realms/r/clients/c/"
)

func clientScopesConfig(attr string, names ...string) map[string]any {
	list := make([]any, len(names))
	for i, name := range names {
		list[i] = name
	}
	return map[string]any{"realm_id": "r", "client_id": "c", attr: list}
}

// namesOf is the scopes attribute of a state's or a read's attributes, sorted.
func namesOf(t *testing.T, attributes map[string]tftypes.Value, attr string) []string {
	t.Helper()
	var elements []tftypes.Value
	if err := attributes[attr].As(&elements); err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, element := range elements {
		var name string
		if err := element.As(&name); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func TestEmptyOptionalScopesOfANewClientAreOneRequestWithoutReadBack(t *testing.T) {
	// GIVEN a new client with no optional scopes, as the realm gives none
	kc := newFakeClientScopes([]string{"b", "ro"}, nil)
	p := newTestProvider(t, kc)

	// WHEN its optional scopes are made empty
	state := p.applied(optionalScopesType, nil, clientScopesConfig("optional_scopes"))

	// THEN one read of the list; and the state written without reading back is what a refresh reads
	want(t, "requests", kc.sent(), []string{"GET " + scopesOfC + "optional-client-scopes"})
	want(t, "refreshed", namesOf(t, p.read(optionalScopesType, state), "optional_scopes"), namesOf(t, p.attributes(optionalScopesType, state), "optional_scopes"))
}

func TestDetachingWithoutAttachingIsNotReadBack(t *testing.T) {
	// GIVEN a client with two optional scopes, one of them wanted
	kc := newFakeClientScopes([]string{"b"}, []string{"ad", "ro"})
	p := newTestProvider(t, kc)

	// WHEN
	state := p.applied(optionalScopesType, nil, clientScopesConfig("optional_scopes", "roles"))

	// THEN one read and one DELETE; Keycloak holds the planned set, and a refresh reads what the state says
	want(t, "requests", kc.sent(), []string{"DELETE " + scopesOfC + "optional-client-scopes/ad", "GET " + scopesOfC + "optional-client-scopes"})
	want(t, "held", kc.lists["optional"], []string{"ro"})
	want(t, "refreshed", namesOf(t, p.read(optionalScopesType, state), "optional_scopes"), []string{"roles"})
	want(t, "state", namesOf(t, p.attributes(optionalScopesType, state), "optional_scopes"), []string{"roles"})
}

func TestAttachingIsReadBack(t *testing.T) {
	// GIVEN a new client with the realm's default scopes basic and roles
	kc := newFakeClientScopes([]string{"b", "ro"}, nil)
	p := newTestProvider(t, kc)

	// WHEN it is given the audience and a role scope too
	p.applied(defaultScopesType, nil, clientScopesConfig("default_scopes", "basic", "roles", "atlas-audience", "atlas-api:orders:read"))

	// THEN the list, the realm's scopes, one PUT per attach, and the list read back
	want(t, "requests", kc.sent(), []string{
		"GET /admin/realms/r/client-scopes", "GET " + scopesOfC + "default-client-scopes", "GET " + scopesOfC + "default-client-scopes",
		"PUT " + scopesOfC + "default-client-scopes/aud", "PUT " + scopesOfC + "default-client-scopes/rd",
	})
}

func TestAnAttachKeycloakIgnoredIsReadBackAsMissing(t *testing.T) {
	// GIVEN a client whose optional scopes hold address
	kc := newFakeClientScopes([]string{"b"}, []string{"ad"})
	p := newTestProvider(t, kc)

	// WHEN address is made a default scope too, which Keycloak answers 204 and ignores
	state := p.applied(defaultScopesType, nil, clientScopesConfig("default_scopes", "basic", "address"))

	// THEN the state is what Keycloak holds, without address, so that the engine rejects the
	// apply as differing from its plan instead of a later refresh finding it
	want(t, "state", namesOf(t, p.attributes(defaultScopesType, state), "default_scopes"), []string{"basic"})
}

// clientRead reads client c as a refresh or an apply's read back does, and forgets its requests.
func clientRead(p *testProvider, kc *fakeClientScopes) {
	state := p.dynamic(p.schemas["keycloak_openid_client"].ValueType(), map[string]any{"id": "c", "realm_id": "r", "client_id": "customer"})
	p.read("keycloak_openid_client", &state)
	want(p.t, "client read", kc.sent(), []string{"GET /admin/realms/r/clients/c", "GET " + scopesOfC + "service-account-user"})
}

func TestAClientsScopesRefreshedAfterItAreTakenFromItsRead(t *testing.T) {
	// GIVEN a client in the state with default and optional scopes, refreshed
	kc := newFakeClientScopes([]string{"b", "ro", "aud"}, []string{"ad"})
	p := newTestProvider(t, kc)
	clientRead(p, kc)
	defaults := p.dynamic(p.schemas[defaultScopesType].ValueType(), clientScopesConfig("default_scopes", "basic"))
	optionals := p.dynamic(p.schemas[optionalScopesType].ValueType(), clientScopesConfig("optional_scopes"))

	// WHEN its scope sets are refreshed after it
	gotDefaults := namesOf(t, p.read(defaultScopesType, &defaults), "default_scopes")
	gotOptionals := namesOf(t, p.read(optionalScopesType, &optionals), "optional_scopes")

	// THEN both are what Keycloak holds, without a request of their own
	want(t, "requests", kc.sent(), nil)
	want(t, "default scopes", gotDefaults, []string{"atlas-audience", "basic", "roles"})
	want(t, "optional scopes", gotOptionals, []string{"address"})

	// AND a second refresh in the same run reads the lists themselves
	p.read(defaultScopesType, &defaults)
	want(t, "second refresh", kc.sent(), []string{"GET " + scopesOfC + "default-client-scopes"})
}

func TestANewClientsScopesAreSetFromItsReadBackWithoutReadingThemAgain(t *testing.T) {
	// GIVEN a client just created and read back, holding the realm's default scopes
	kc := newFakeClientScopes([]string{"b", "ro", "sa"}, nil)
	p := newTestProvider(t, kc)
	clientRead(p, kc)

	// WHEN its default scopes get the audience and a role scope, and its optional ones are made empty
	p.applied(defaultScopesType, nil, clientScopesConfig("default_scopes", "basic", "roles", "service_account", "atlas-audience", "atlas-api:orders:read"))
	p.applied(optionalScopesType, nil, clientScopesConfig("optional_scopes"))

	// THEN the realm's scopes for their ids and one PUT per attach: no list is read, before or after
	want(t, "requests", kc.sent(), []string{
		"GET /admin/realms/r/client-scopes",
		"PUT " + scopesOfC + "default-client-scopes/aud", "PUT " + scopesOfC + "default-client-scopes/rd",
	})
	want(t, "held", kc.lists["default"], []string{"b", "ro", "sa", "aud", "rd"})
}

func TestAnAttachOfAScopeTheClientsReadShowsInTheOtherListIsReadBack(t *testing.T) {
	// GIVEN a client read with address among its optional scopes
	kc := newFakeClientScopes([]string{"b"}, []string{"ad"})
	p := newTestProvider(t, kc)
	clientRead(p, kc)

	// WHEN address is made a default scope too, which Keycloak answers 204 and ignores
	state := p.applied(defaultScopesType, nil, clientScopesConfig("default_scopes", "basic", "address"))

	// THEN the list is read back, and the state is what Keycloak holds, without address
	want(t, "requests", kc.sent(), []string{
		"GET /admin/realms/r/client-scopes", "GET " + scopesOfC + "default-client-scopes", "PUT " + scopesOfC + "default-client-scopes/ad",
	})
	want(t, "state", namesOf(t, p.attributes(defaultScopesType, state), "default_scopes"), []string{"basic"})
}

func TestTheRealmsScopesAreReadOncePerRun(t *testing.T) {
	// GIVEN two clients' worth of attaches in one run
	kc := newFakeClientScopes([]string{"b"}, nil)
	p := newTestProvider(t, kc)

	// WHEN
	p.applied(defaultScopesType, nil, clientScopesConfig("default_scopes", "basic", "atlas-audience"))
	kc.lists["default"] = []string{"b"}
	p.applied(defaultScopesType, nil, clientScopesConfig("default_scopes", "basic", "atlas-audience"))

	// THEN the realm's scopes were read for the first alone
	reads := slices.DeleteFunc(kc.sent(), func(r string) bool { return r != "GET /admin/realms/r/client-scopes" })
	want(t, "reads of the realm's scopes", reads, []string{"GET /admin/realms/r/client-scopes"})
}
