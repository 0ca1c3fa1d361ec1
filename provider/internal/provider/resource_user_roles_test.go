package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// fakeUserRoles is a Keycloak realm r with realm roles, the roles of two clients and users'
// direct role mappings, answering the admin API as Keycloak 26.7 does: a POST or DELETE of
// mappings wants each role's id and name (404 "Role not found" otherwise), a POST of a role
// already mapped is refused with 400. It records every admin request.
type fakeUserRoles struct {
	mu       sync.Mutex
	mapped   map[string]map[string]bool // user id → mapped role ids
	requests []string                   // "METHOD path", sign-in left out
	// loseFirstPost carries out the first POST of mappings and answers it 503, as a proxy whose
	// answer was lost would.
	loseFirstPost bool
}

// fakeRoles are realm r's roles by id; containerId is the realm's id or the client's.
var fakeRoles = map[string]map[string]any{
	"default": {"id": "default", "name": "default-roles-r", "clientRole": false, "containerId": "realm-r"},
	"audit":   {"id": "audit", "name": "audit", "clientRole": false, "containerId": "realm-r"},
	"read":    {"id": "read", "name": "orders:read", "clientRole": true, "containerId": "orders"},
	"write":   {"id": "write", "name": "orders:write", "clientRole": true, "containerId": "orders"},
	"admin":   {"id": "admin", "name": "orders:admin", "clientRole": true, "containerId": "orders"},
	"view":    {"id": "view", "name": "billing:view", "clientRole": true, "containerId": "billing"},
}

// fakeClientIDs are the clients' clientId by their id, as clientMappings is keyed.
var fakeClientIDs = map[string]string{"orders": "orders-api", "billing": "billing-api"}

func newFakeUserRoles(user string, mapped ...string) *fakeUserRoles {
	f := &fakeUserRoles{mapped: map[string]map[string]bool{user: {}}}
	for _, id := range mapped {
		f.mapped[user][id] = true
	}
	return f
}

func (f *fakeUserRoles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/realms/master/protocol/openid-connect/token" {
		fmt.Fprint(w, `{"access_token":"t","expires_in":300}`)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path)
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/admin/realms/r/"), "/")
	switch {
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "roles-by-id":
		if role, ok := fakeRoles[parts[1]]; ok {
			json.NewEncoder(w).Encode(role)
			return
		}
		notFound(w, "Could not find role with id")
	case len(parts) >= 3 && parts[0] == "users" && parts[2] == "role-mappings":
		mapped, ok := f.mapped[parts[1]]
		if !ok {
			notFound(w, "User not found")
			return
		}
		container := "realm-r"
		if len(parts) == 5 && parts[3] == "clients" {
			container = parts[4]
		}
		switch {
		case r.Method == http.MethodGet && len(parts) == 3:
			json.NewEncoder(w).Encode(mappingsAnswer(mapped))
		case r.Method == http.MethodGet:
			json.NewEncoder(w).Encode(inContainer(mapped, container))
		case r.Method == http.MethodPost || r.Method == http.MethodDelete:
			f.write(w, r, mapped, container)
		}
	default:
		notFound(w, "Not found")
	}
}

func (f *fakeUserRoles) write(w http.ResponseWriter, r *http.Request, mapped map[string]bool, container string) {
	var roles []map[string]any
	if err := json.NewDecoder(r.Body).Decode(&roles); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	for _, role := range roles { // all or none, as in Keycloak's transaction
		known, ok := fakeRoles[fmt.Sprint(role["id"])]
		if !ok || known["name"] != role["name"] || known["containerId"] != container {
			notFound(w, "Role not found")
			return
		}
		if r.Method == http.MethodPost && mapped[known["id"].(string)] {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error":"invalid_request","error_description":"Could not add user role or group mappings!"}`)
			return
		}
	}
	for _, role := range roles {
		if r.Method == http.MethodPost {
			mapped[role["id"].(string)] = true
		} else {
			delete(mapped, role["id"].(string))
		}
	}
	if r.Method == http.MethodPost && f.loseFirstPost {
		f.loseFirstPost = false
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func notFound(w http.ResponseWriter, message string) {
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprintf(w, `{"error":%q}`, message)
}

// mappingsAnswer is GET …/role-mappings: realm roles, and client roles by clientId; an empty
// part is left out, as Keycloak leaves it.
func mappingsAnswer(mapped map[string]bool) map[string]any {
	answer := map[string]any{}
	if realm := inContainer(mapped, "realm-r"); len(realm) > 0 {
		answer["realmMappings"] = realm
	}
	clients := map[string]any{}
	for id, clientID := range fakeClientIDs {
		if roles := inContainer(mapped, id); len(roles) > 0 {
			clients[clientID] = map[string]any{"id": id, "client": clientID, "mappings": roles}
		}
	}
	if len(clients) > 0 {
		answer["clientMappings"] = clients
	}
	return answer
}

func inContainer(mapped map[string]bool, container string) []map[string]any {
	roles := []map[string]any{}
	for id := range mapped {
		if fakeRoles[id]["containerId"] == container {
			roles = append(roles, fakeRoles[id])
		}
	}
	return roles
}

// held is the role ids mapped to user, sorted.
func (f *fakeUserRoles) held(user string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	ids := []string{}
	for id := range f.mapped[user] {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// sent is the requests made since the last call, sorted (the roles of a set come in any order).
func (f *fakeUserRoles) sent() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	requests := f.requests
	f.requests = nil
	slices.Sort(requests)
	return requests
}

func userRoles(exhaustive bool, roleIDs ...string) map[string]any {
	ids := make([]any, len(roleIDs))
	for i, id := range roleIDs {
		ids[i] = id
	}
	return map[string]any{"realm_id": "r", "user_id": "u", "role_ids": ids, "exhaustive": exhaustive}
}

func userRolesState(p *testProvider, exhaustive bool, roleIDs ...string) *tfprotov6.DynamicValue {
	values := userRoles(exhaustive, roleIDs...)
	values["id"] = "r/u"
	state := p.dynamic(p.schemas[userRolesType].ValueType(), values)
	return &state
}

// roleIDsOf is the role_ids of a state's or a read's attributes, sorted.
func roleIDsOf(t *testing.T, attributes map[string]tftypes.Value) []string {
	t.Helper()
	var elements []tftypes.Value
	if err := attributes["role_ids"].As(&elements); err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, element := range elements {
		var id string
		if err := element.As(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func (p *testProvider) attributes(typeName string, state *tfprotov6.DynamicValue) map[string]tftypes.Value {
	p.t.Helper()
	value, err := state.Unmarshal(p.schemas[typeName].ValueType())
	if err != nil {
		p.t.Fatal(err)
	}
	var attributes map[string]tftypes.Value
	if err := value.As(&attributes); err != nil {
		p.t.Fatal(err)
	}
	return attributes
}

func want(t *testing.T, what string, got, expected []string) {
	t.Helper()
	if !slices.Equal(got, expected) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, expected)
	}
}

const mappingsOfU = "/admin/realms/r/users/u/role-mappings"

func TestAddsOnlyTheMissingRolesInOnePostPerClient(t *testing.T) {
	// GIVEN a user holding one of the five listed roles (two clients' and a realm role)
	kc := newFakeUserRoles("u", "read")
	p := newTestProvider(t, kc)

	// WHEN
	state := p.applied(userRolesType, nil, userRoles(true, "read", "write", "admin", "view", "audit"))

	// THEN one read of the mappings, one look-up of each missing role, one POST per client and one
	// for the realm; the user holds the five, and the state says so
	want(t, "requests", kc.sent(), []string{
		"GET /admin/realms/r/roles-by-id/admin", "GET /admin/realms/r/roles-by-id/audit", "GET /admin/realms/r/roles-by-id/view",
		"GET /admin/realms/r/roles-by-id/write", "GET " + mappingsOfU,
		"POST " + mappingsOfU + "/clients/billing", "POST " + mappingsOfU + "/clients/orders", "POST " + mappingsOfU + "/realm",
	})
	want(t, "mapped", kc.held("u"), []string{"admin", "audit", "read", "view", "write"})
	want(t, "state", roleIDsOf(t, p.attributes(userRolesType, state)), []string{"admin", "audit", "read", "view", "write"})
}

func TestANewMappingOfTwoClientRolesDroppingTheDefaultRoleIsFiveRequests(t *testing.T) {
	// GIVEN a new service-account user, holding only the realm's default roles
	kc := newFakeUserRoles("u", "default")
	p := newTestProvider(t, kc)

	// WHEN it is given two roles of a client, exhaustively
	state := p.applied(userRolesType, nil, userRoles(true, "read", "write"))

	// THEN
	want(t, "requests", kc.sent(), []string{
		"DELETE " + mappingsOfU + "/realm",
		"GET /admin/realms/r/roles-by-id/read", "GET /admin/realms/r/roles-by-id/write", "GET " + mappingsOfU,
		"POST " + mappingsOfU + "/clients/orders",
	})
	want(t, "mapped", kc.held("u"), []string{"read", "write"})
	// and the state written without reading back is what a refresh reads
	want(t, "refreshed", roleIDsOf(t, p.read(userRolesType, state)), roleIDsOf(t, p.attributes(userRolesType, state)))
}

func TestExhaustiveRemovesRolesBeyondTheList(t *testing.T) {
	// GIVEN a user holding the listed role and three others: a realm role and two clients' roles
	kc := newFakeUserRoles("u", "default", "read", "write", "view")
	p := newTestProvider(t, kc)

	// WHEN
	p.applied(userRolesType, nil, userRoles(true, "read"))

	// THEN the others are unmapped, one DELETE per client and one for the realm, no role looked up
	want(t, "requests", kc.sent(), []string{
		"DELETE " + mappingsOfU + "/clients/billing", "DELETE " + mappingsOfU + "/clients/orders", "DELETE " + mappingsOfU + "/realm",
		"GET " + mappingsOfU,
	})
	want(t, "mapped", kc.held("u"), []string{"read"})
}

func TestANonExhaustiveListLeavesTheOtherRolesMapped(t *testing.T) {
	// GIVEN
	kc := newFakeUserRoles("u", "default", "view")
	p := newTestProvider(t, kc)

	// WHEN
	state := p.applied(userRolesType, nil, userRoles(false, "read"))

	// THEN
	want(t, "mapped", kc.held("u"), []string{"default", "read", "view"})
	want(t, "state", roleIDsOf(t, p.attributes(userRolesType, state)), []string{"read"})
}

func TestAddingOneRoleIsALookUpAndAPost(t *testing.T) {
	// GIVEN a user holding its two listed roles
	kc := newFakeUserRoles("u")
	p := newTestProvider(t, kc)
	state := p.applied(userRolesType, nil, userRoles(true, "read", "write"))
	kc.sent()

	// WHEN a third is listed
	p.applied(userRolesType, state, userRoles(true, "read", "write", "admin"))

	// THEN
	want(t, "requests", kc.sent(), []string{
		"GET /admin/realms/r/roles-by-id/admin", "GET " + mappingsOfU, "POST " + mappingsOfU + "/clients/orders",
	})
	want(t, "mapped", kc.held("u"), []string{"admin", "read", "write"})
}

func TestARoleLeftOutOfTheListIsRemovedEvenWhenNotExhaustive(t *testing.T) {
	// GIVEN a non-exhaustive list of two roles, beside a role given elsewhere
	kc := newFakeUserRoles("u", "default")
	p := newTestProvider(t, kc)
	state := p.applied(userRolesType, nil, userRoles(false, "read", "view"))

	// WHEN one leaves the list
	p.applied(userRolesType, state, userRoles(false, "read"))

	// THEN it is unmapped, as upstream does; the role given elsewhere stays
	want(t, "mapped", kc.held("u"), []string{"default", "read"})
}

func TestReadIsOneRequest(t *testing.T) {
	// GIVEN an exhaustive state, and a user who was given a role outside the engine
	kc := newFakeUserRoles("u", "default", "read", "view")
	p := newTestProvider(t, kc)

	// WHEN
	got := p.read(userRolesType, userRolesState(p, true, "read", "view"))

	// THEN one request, and role_ids are every role mapped, realm and clients'
	want(t, "requests", kc.sent(), []string{"GET " + mappingsOfU})
	want(t, "role_ids", roleIDsOf(t, got), []string{"default", "read", "view"})
}

func TestANonExhaustiveReadKeepsTheListedRolesStillMapped(t *testing.T) {
	// GIVEN a non-exhaustive list of which one role was unmapped outside the engine
	kc := newFakeUserRoles("u", "default", "read")
	p := newTestProvider(t, kc)

	// WHEN
	got := p.read(userRolesType, userRolesState(p, false, "read", "view"))

	// THEN the unmapped one is planned again; roles given elsewhere are not its
	want(t, "role_ids", roleIDsOf(t, got), []string{"read"})
}

func TestAUserNoLongerInKeycloakIsRemovedFromState(t *testing.T) {
	// GIVEN
	kc := newFakeUserRoles("someone-else")
	p := newTestProvider(t, kc)

	// WHEN
	got := p.read(userRolesType, userRolesState(p, true, "read"))

	// THEN
	if got != nil {
		t.Errorf("state %v, want removed", got)
	}
}

func TestDeletingUnmapsOnlyTheListedRolesEvenWhenExhaustive(t *testing.T) {
	// GIVEN an exhaustive list, one of whose roles is no longer mapped, and a role given since
	kc := newFakeUserRoles("u", "read", "write", "view")
	p := newTestProvider(t, kc)

	// WHEN
	if err := p.destroy(userRolesType, userRolesState(p, true, "read", "write", "admin")); err != nil {
		t.Fatal(err)
	}

	// THEN one DELETE for the listed roles still mapped; the other role stays, as upstream
	want(t, "requests", kc.sent(), []string{"DELETE " + mappingsOfU + "/clients/orders", "GET " + mappingsOfU})
	want(t, "mapped", kc.held("u"), []string{"view"})
}

func TestDeletingTheRolesOfAUserAlreadyGoneSucceeds(t *testing.T) {
	// GIVEN
	p := newTestProvider(t, newFakeUserRoles("someone-else"))

	// WHEN
	err := p.destroy(userRolesType, userRolesState(p, true, "read"))

	// THEN
	if err != nil {
		t.Errorf("error %v", err)
	}
}

func TestRejectsARoleIDThatIsNoRoleOfTheRealmWritingNothing(t *testing.T) {
	// GIVEN a user holding a role the list leaves out
	kc := newFakeUserRoles("u", "default")
	p := newTestProvider(t, kc)

	// WHEN the list names a role and an id that is no role
	_, err := p.apply(userRolesType, nil, userRoles(true, "read", "no-such-role"))

	// THEN it is refused, naming the id, and nothing is written
	if err == nil || !strings.Contains(err.Error(), `Realm "r" has no role with id "no-such-role"`) {
		t.Errorf("error %v", err)
	}
	want(t, "mapped", kc.held("u"), []string{"default"})
}

func TestRejectsMappingRolesToAUserNotInKeycloak(t *testing.T) {
	// GIVEN
	p := newTestProvider(t, newFakeUserRoles("someone-else"))

	// WHEN
	_, err := p.apply(userRolesType, nil, userRoles(true, "read"))

	// THEN
	if err == nil || !strings.Contains(err.Error(), "Could not read the role mappings of keycloak_user_roles: GET "+mappingsOfU+": HTTP 404") {
		t.Errorf("error %v", err)
	}
}

func TestAPostRepeatedAfterALostAnswerIsTakenAsMadeWhenEveryRoleIsHeld(t *testing.T) {
	// GIVEN a Keycloak that maps the roles of the first POST but whose answer is lost (503): the
	// POST is sent again and refused, the roles being mapped
	kc := newFakeUserRoles("u")
	kc.loseFirstPost = true
	p := newTestProvider(t, kc)

	// WHEN
	_, err := p.apply(userRolesType, nil, userRoles(true, "read", "write"))

	// THEN the refusal is taken as the earlier attempt's doing
	if err != nil {
		t.Fatal(err)
	}
	want(t, "mapped", kc.held("u"), []string{"read", "write"})
}

func TestImportsAsExhaustiveReadingEveryMappedRole(t *testing.T) {
	// GIVEN a user with roles mapped
	kc := newFakeUserRoles("u", "default", "view")
	p := newTestProvider(t, kc)

	// WHEN it is imported by upstream's {realm}/{user id}, then read, as the engine does
	resp, err := p.server.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{TypeName: userRolesType, ID: "r/u"})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("import: %v %s", err, diagnostics(resp.Diagnostics))
	}
	got := p.read(userRolesType, resp.ImportedResources[0].State)

	// THEN
	if !got["exhaustive"].Equal(tftypes.NewValue(tftypes.Bool, true)) || !got["id"].Equal(tftypes.NewValue(tftypes.String, "r/u")) {
		t.Errorf("exhaustive %v, id %v", got["exhaustive"], got["id"])
	}
	want(t, "role_ids", roleIDsOf(t, got), []string{"default", "view"})
}
