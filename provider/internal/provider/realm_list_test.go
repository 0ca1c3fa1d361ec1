package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// fakeLists is a Keycloak that holds realm r's client policy lists: GET answers a list, PUT
// replaces it (after a pause, so that writes not serialized by the provider overlap). Any
// other realm is not found.
type fakeLists struct {
	mu    sync.Mutex
	lists map[string]map[string]any // "profiles" or "policies" → the answer
	puts  int
}

func newFakeLists(profiles, policies string) *fakeLists {
	f := &fakeLists{lists: map[string]map[string]any{}}
	for name, body := range map[string]string{"profiles": profiles, "policies": policies} {
		var list map[string]any
		if err := json.Unmarshal([]byte(body), &list); err != nil {
			panic(err)
		}
		f.lists[name] = list
	}
	return f
}

func (f *fakeLists) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/realms/master/protocol/openid-connect/token" {
		json.NewEncoder(w).Encode(map[string]any{"access_token": "t", "expires_in": 300})
		return
	}
	list, found := strings.CutPrefix(r.URL.Path, "/admin/realms/r/client-policies/")
	if !found || f.lists[list] == nil {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":"Realm not found."}`)
		return
	}
	switch r.Method {
	case http.MethodGet:
		f.mu.Lock()
		body, _ := json.Marshal(f.lists[list])
		f.mu.Unlock()
		time.Sleep(5 * time.Millisecond) // a write between this read and its PUT is lost, unless serialized
		w.Write(body)
	case http.MethodPut:
		var replaced map[string]any
		if err := json.NewDecoder(r.Body).Decode(&replaced); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.lists[list] = replaced
		f.puts++
		f.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}
}

// entries is the list's entries as JSON, for comparison.
func (f *fakeLists) entries(t *testing.T, list string) []any {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	body, _ := json.Marshal(f.lists[list][list])
	var entries []any
	json.Unmarshal(body, &entries)
	return entries
}

func (f *fakeLists) entryNames(t *testing.T, list string) map[string]bool {
	names := map[string]bool{}
	for _, entry := range f.entries(t, list) {
		names[entry.(map[string]any)["name"].(string)] = true
	}
	return names
}

// testProvider is the provider as the engine serves it, configured against handler.
type testProvider struct {
	t       *testing.T
	server  tfprotov6.ProviderServer
	schemas map[string]*tfprotov6.Schema
}

func newTestProvider(t *testing.T, handler http.Handler) *testProvider {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	for _, name := range []string{"URL", "CLIENT_ID", "CLIENT_SECRET", "USER", "PASSWORD", "REALM", "BASE_PATH", "CLIENT_TIMEOUT", "RETRY_WINDOW"} {
		t.Setenv("KEYCLOAK_"+name, "")
	}
	p := &testProvider{t: t, server: NewServer()}
	schemas := bundledSchemas(t, p.server)
	p.schemas = schemas.ResourceSchemas
	config := p.dynamic(schemas.Provider.ValueType(), map[string]any{"url": srv.URL, "client_id": "tf", "client_secret": "s3cret"})
	resp, err := p.server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: &config})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("configure: %v %v", err, diagnostics(resp.Diagnostics))
	}
	return p
}

func (p *testProvider) dynamic(typ tftypes.Type, values map[string]any) tfprotov6.DynamicValue {
	p.t.Helper()
	var value tftypes.Value
	if values == nil {
		value = tftypes.NewValue(typ, nil)
	} else {
		var err error
		if value, err = fromJSON(typ, values); err != nil {
			p.t.Fatal(err)
		}
	}
	dynamic, err := tfprotov6.NewDynamicValue(typ, value)
	if err != nil {
		p.t.Fatal(err)
	}
	return dynamic
}

// apply plans and applies going from prior to config (nil: none) and returns the new state.
func (p *testProvider) apply(typeName string, prior *tfprotov6.DynamicValue, config map[string]any) (*tfprotov6.DynamicValue, error) {
	p.t.Helper()
	ctx := context.Background()
	typ := p.schemas[typeName].ValueType()
	if prior == nil {
		none := p.dynamic(typ, nil)
		prior = &none
	}
	proposed := p.dynamic(typ, config)
	planResp, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: prior, ProposedNewState: &proposed, Config: &proposed,
	})
	if err != nil || len(planResp.Diagnostics) > 0 {
		p.t.Fatalf("plan: %v %v", err, diagnostics(planResp.Diagnostics))
	}
	applyResp, err := p.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, PriorState: prior, PlannedState: planResp.PlannedState, Config: &proposed,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	if len(applyResp.Diagnostics) > 0 {
		return nil, fmt.Errorf("%s", diagnostics(applyResp.Diagnostics))
	}
	return applyResp.NewState, nil
}

// applied is the state apply returns, failing the test on an error.
func (p *testProvider) applied(typeName string, prior *tfprotov6.DynamicValue, config map[string]any) *tfprotov6.DynamicValue {
	p.t.Helper()
	state, err := p.apply(typeName, prior, config)
	if err != nil {
		p.t.Fatal(err)
	}
	return state
}

// destroy applies the removal of the resource in state.
func (p *testProvider) destroy(typeName string, state *tfprotov6.DynamicValue) error {
	p.t.Helper()
	none := p.dynamic(p.schemas[typeName].ValueType(), nil)
	resp, err := p.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, PriorState: state, PlannedState: &none, Config: &none,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	if len(resp.Diagnostics) > 0 {
		return fmt.Errorf("%s", diagnostics(resp.Diagnostics))
	}
	return nil
}

// read refreshes state and returns its attributes, nil when the resource is gone.
func (p *testProvider) read(typeName string, state *tfprotov6.DynamicValue) map[string]tftypes.Value {
	p.t.Helper()
	resp, err := p.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: state})
	if err != nil || len(resp.Diagnostics) > 0 {
		p.t.Fatalf("read: %v %v", err, diagnostics(resp.Diagnostics))
	}
	value, err := resp.NewState.Unmarshal(p.schemas[typeName].ValueType())
	if err != nil {
		p.t.Fatal(err)
	}
	if value.IsNull() {
		return nil
	}
	var attributes map[string]tftypes.Value
	if err := value.As(&attributes); err != nil {
		p.t.Fatal(err)
	}
	return attributes
}

func diagnostics(diags []*tfprotov6.Diagnostic) string {
	var lines []string
	for _, d := range diags {
		lines = append(lines, d.Summary+": "+d.Detail)
	}
	return strings.Join(lines, "; ")
}

func jsonValue(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

const otherProfile = `{"name":"console-made","description":"kept","executors":[{"executor":"pkce-enforcer","configuration":{"auto-configure":true}}],"extra":1}`

func rotationProfile(expiration string) map[string]any {
	return map[string]any{"realm_id": "r", "name": "rotation", "executor": []any{map[string]any{
		"name": "secret-rotation", "configuration": map[string]any{"expiration-period": expiration, "remaining-rotation-period": "864000"},
	}}}
}

func TestAProfileIsWrittenIntoTheRealmListKeepingTheOtherEntries(t *testing.T) {
	// GIVEN a realm whose profiles list holds an entry made elsewhere
	kc := newFakeLists(`{"profiles":[`+otherProfile+`]}`, `{"policies":[]}`)
	p := newTestProvider(t, kc)

	// WHEN a profile is created, then updated
	state := p.applied(clientPolicyProfileType, nil, rotationProfile("2505600"))
	p.applied(clientPolicyProfileType, state, rotationProfile("3000000"))

	// THEN the list holds the other entry as it was and the profile as last written, its
	// configuration as sent
	want := jsonValue(t, `[`+otherProfile+`,{"name":"rotation","description":"","executors":[{"executor":"secret-rotation",
		"configuration":{"expiration-period":"3000000","remaining-rotation-period":"864000"}}]}]`)
	if got := kc.entries(t, "profiles"); !reflect.DeepEqual(got, want) {
		t.Errorf("profiles %v, want %v", got, want)
	}
}

func TestDeletingAProfileRemovesOnlyItsEntry(t *testing.T) {
	// GIVEN
	kc := newFakeLists(`{"profiles":[`+otherProfile+`]}`, `{"policies":[]}`)
	p := newTestProvider(t, kc)
	state := p.applied(clientPolicyProfileType, nil, rotationProfile("2505600"))

	// WHEN
	if err := p.destroy(clientPolicyProfileType, state); err != nil {
		t.Fatal(err)
	}

	// THEN
	if got, want := kc.entries(t, "profiles"), jsonValue(t, `[`+otherProfile+`]`); !reflect.DeepEqual(got, want) {
		t.Errorf("profiles %v, want %v", got, want)
	}
}

func TestRejectsCreatingAProfileWhoseNameIsTaken(t *testing.T) {
	// GIVEN
	kc := newFakeLists(`{"profiles":[`+otherProfile+`]}`, `{"policies":[]}`)
	p := newTestProvider(t, kc)
	config := rotationProfile("2505600")
	config["name"] = "console-made"

	// WHEN
	_, err := p.apply(clientPolicyProfileType, nil, config)

	// THEN it is refused and the entry left as it was
	if err == nil || !strings.Contains(err.Error(), `already has an entry named "console-made"`) {
		t.Errorf("error %v", err)
	}
	if got, want := kc.entries(t, "profiles"), jsonValue(t, `[`+otherProfile+`]`); !reflect.DeepEqual(got, want) {
		t.Errorf("profiles %v, want %v", got, want)
	}
}

func TestConcurrentCreatesUpdatesAndDeletesOfOneRealmListLoseNoEntry(t *testing.T) {
	// GIVEN a list with entries to update and to delete, and a provider applying several changes at once
	var existing []string
	for i := range 4 {
		existing = append(existing, fmt.Sprintf(`{"name":"update-%d","description":"","executors":[]}`, i),
			fmt.Sprintf(`{"name":"delete-%d","description":"","executors":[]}`, i))
	}
	kc := newFakeLists(`{"profiles":[`+strings.Join(existing, ",")+`]}`, `{"policies":[]}`)
	p := newTestProvider(t, kc)
	states := map[string]*tfprotov6.DynamicValue{}
	for i := range 4 {
		for _, name := range []string{"update", "delete"} {
			// the state the engine would hold for each existing entry
			config := map[string]any{"realm_id": "r", "name": fmt.Sprintf("%s-%d", name, i)}
			typ := p.schemas[clientPolicyProfileType].ValueType()
			config["id"] = "r/realm-client-policy-profiles/" + config["name"].(string)
			config["executor"] = []any{}
			state := p.dynamic(typ, config)
			states[config["name"].(string)] = &state
		}
	}

	// WHEN creates, updates and deletes run at the same time
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for i := range 4 {
		wg.Add(3)
		go func() {
			defer wg.Done()
			config := map[string]any{"realm_id": "r", "name": fmt.Sprintf("create-%d", i)}
			_, err := p.apply(clientPolicyProfileType, nil, config)
			errs <- err
		}()
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("update-%d", i)
			_, err := p.apply(clientPolicyProfileType, states[name], map[string]any{"realm_id": "r", "name": name, "description": "updated"})
			errs <- err
		}()
		go func() {
			defer wg.Done()
			errs <- p.destroy(clientPolicyProfileType, states[fmt.Sprintf("delete-%d", i)])
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}

	// THEN every change is in the list
	want := map[string]bool{}
	for i := range 4 {
		want[fmt.Sprintf("create-%d", i)], want[fmt.Sprintf("update-%d", i)] = true, true
	}
	if got := kc.entryNames(t, "profiles"); !reflect.DeepEqual(got, want) {
		t.Errorf("profiles %v, want %v", got, want)
	}
	for _, entry := range kc.entries(t, "profiles") {
		object := entry.(map[string]any)
		if strings.HasPrefix(object["name"].(string), "update-") && object["description"] != "updated" {
			t.Errorf("update lost: %v", object)
		}
	}
}

func TestAProfileOrPolicyNotInKeycloakIsRemovedFromState(t *testing.T) {
	// GIVEN a profile and a policy in state, in a realm that holds neither, and in a realm that is gone
	kc := newFakeLists(`{"profiles":[`+otherProfile+`]}`, `{"policies":[]}`)
	p := newTestProvider(t, kc)
	for _, realm := range []string{"r", "gone"} {
		for typeName, config := range map[string]map[string]any{
			clientPolicyProfileType: {"realm_id": realm, "name": "rotation", "id": "x", "executor": []any{}},
			clientPolicyType:        {"realm_id": realm, "name": "rotation", "id": "x", "condition": []any{}, "profiles": []any{"rotation"}, "enabled": true},
		} {
			state := p.dynamic(p.schemas[typeName].ValueType(), config)

			// WHEN
			got := p.read(typeName, &state)

			// THEN
			if got != nil {
				t.Errorf("%s in realm %s: state %v, want removed", typeName, realm, got)
			}
		}
	}
}

func TestAPolicyKeepsClientAttributesAsAJSONStringAndSendsOtherJSONAsJSON(t *testing.T) {
	// GIVEN
	kc := newFakeLists(`{"profiles":[]}`, `{"policies":[{"name":"console-made","enabled":false,"conditions":[],"profiles":[]}]}`)
	p := newTestProvider(t, kc)
	attributes := `[{"key":"rotate","value":"yes"}]`
	config := map[string]any{"realm_id": "r", "name": "rotation", "profiles": []any{"rotation"}, "condition": []any{
		map[string]any{"name": "client-attributes", "configuration": map[string]any{"attributes": attributes, "is_negative_logic": "false"}},
		map[string]any{"name": "client-roles", "configuration": map[string]any{"roles": `["rotating"]`}},
	}}

	// WHEN
	state := p.applied(clientPolicyType, nil, config)

	// THEN Keycloak is sent what upstream sends, and the state reads back unchanged
	want := jsonValue(t, `[{"name":"console-made","enabled":false,"conditions":[],"profiles":[]},{"name":"rotation","description":"","enabled":true,
		"conditions":[{"condition":"client-attributes","configuration":{"attributes":"[{\"key\":\"rotate\",\"value\":\"yes\"}]","is_negative_logic":"false"}},
		{"condition":"client-roles","configuration":{"roles":["rotating"]}}],"profiles":["rotation"]}]`)
	if got := kc.entries(t, "policies"); !reflect.DeepEqual(got, want) {
		t.Errorf("policies %v, want %v", got, want)
	}
	applied, _ := state.Unmarshal(p.schemas[clientPolicyType].ValueType())
	refreshed := p.read(clientPolicyType, state)
	if !tftypes.NewValue(applied.Type(), refreshed).Equal(applied) {
		t.Errorf("read back %v, applied %v", refreshed, applied)
	}
}

func TestReadsNumbersAndBooleansOfAConfigurationAsTheirJSONText(t *testing.T) {
	// GIVEN a profile whose configuration another writer stored as JSON numbers and booleans
	kc := newFakeLists(`{"profiles":[{"name":"rotation","description":"","executors":[{"executor":"secret-rotation",
		"configuration":{"expiration-period":2505600,"auto-configure":true,"list":["a","b"]}}]}]}`, `{"policies":[]}`)
	p := newTestProvider(t, kc)
	state := p.dynamic(p.schemas[clientPolicyProfileType].ValueType(), map[string]any{"realm_id": "r", "name": "rotation", "id": "x", "executor": []any{}})

	// WHEN
	got := p.read(clientPolicyProfileType, &state)

	// THEN
	var executors []tftypes.Value
	got["executor"].As(&executors)
	var executor map[string]tftypes.Value
	executors[0].As(&executor)
	var configuration map[string]tftypes.Value
	executor["configuration"].As(&configuration)
	strs := map[string]string{}
	for key, value := range configuration {
		var s string
		value.As(&s)
		strs[key] = s
	}
	if want := map[string]string{"expiration-period": "2505600", "auto-configure": "true", "list": `["a","b"]`}; !reflect.DeepEqual(strs, want) {
		t.Errorf("configuration %v, want %v", strs, want)
	}
}

func TestReadsAnEmptyConfigurationAsUnsetWhateverTheStateHeld(t *testing.T) {
	// GIVEN an executor without configuration, which Keycloak answers as {} and upstream's state may hold as {}
	kc := newFakeLists(`{"profiles":[{"name":"session","description":"","executors":[{"executor":"secure-session","configuration":{}}]}]}`, `{"policies":[]}`)
	p := newTestProvider(t, kc)
	state := p.dynamic(p.schemas[clientPolicyProfileType].ValueType(), map[string]any{"realm_id": "r", "name": "session", "id": "x",
		"executor": []any{map[string]any{"name": "secure-session", "configuration": map[string]any{}}}})

	// WHEN
	got := p.read(clientPolicyProfileType, &state)

	// THEN it is null, as a configuration without the argument plans
	var executors []tftypes.Value
	got["executor"].As(&executors)
	var executor map[string]tftypes.Value
	executors[0].As(&executor)
	if !executor["configuration"].IsNull() {
		t.Errorf("configuration %v, want null", executor["configuration"])
	}
}
