package provider

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The skeleton every resource shares (resource.go), shown on keycloak_role.

// answers is a Keycloak that answers "METHOD path" with a status and body, and 404 to the rest.
type answers map[string]struct {
	status int
	body   string
}

func (a answers) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/realms/master/protocol/openid-connect/token" {
		fmt.Fprint(w, `{"access_token":"t","expires_in":300}`)
		return
	}
	answer, ok := a[r.Method+" "+r.URL.Path]
	if !ok {
		answer.status, answer.body = http.StatusNotFound, `{"error":"Could not find role"}`
	}
	w.WriteHeader(answer.status)
	fmt.Fprint(w, answer.body)
}

func roleState(p *testProvider) *tfprotov6.DynamicValue {
	state := p.dynamic(p.schemas[roleType].ValueType(), map[string]any{"id": "7e8c", "realm_id": "r", "name": "reader", "composite_roles": []any{}})
	return &state
}

func TestReportsTheStepOfAnOperationThatFailed(t *testing.T) {
	// GIVEN a Keycloak that creates a role and then refuses to show it
	p := newTestProvider(t, answers{
		"POST /admin/realms/r/roles":       {http.StatusCreated, ""},
		"GET /admin/realms/r/roles/reader": {http.StatusForbidden, `{"error":"HTTP 403 Forbidden"}`},
	})

	// WHEN
	_, err := p.apply(roleType, nil, map[string]any{"realm_id": "r", "name": "reader"})

	// THEN the error names the step and the resource type
	if err == nil || !strings.HasPrefix(err.Error(), "Could not read the new keycloak_role: GET /admin/realms/r/roles/reader: HTTP 403") {
		t.Errorf("error %v", err)
	}
}

func TestAnObjectKeycloakNoLongerHoldsIsRemovedFromTheState(t *testing.T) {
	// GIVEN a role in the state that Keycloak answers 404 for
	p := newTestProvider(t, answers{})

	// WHEN
	got := p.read(roleType, roleState(p))

	// THEN
	if got != nil {
		t.Errorf("state %v, want removed", got)
	}
}

func TestDeletingAnObjectAlreadyGoneSucceeds(t *testing.T) {
	// GIVEN a role in the state that Keycloak answers 404 for
	p := newTestProvider(t, answers{})

	// WHEN
	err := p.destroy(roleType, roleState(p))

	// THEN
	if err != nil {
		t.Errorf("error %v", err)
	}
}

func TestRejectsAnImportIDOfAnotherFormat(t *testing.T) {
	// GIVEN
	p := newTestProvider(t, answers{})

	// WHEN
	resp, err := p.server.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{TypeName: roleType, ID: "r/7e8c/extra"})

	// THEN
	if err != nil || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != "Invalid import id" ||
		!strings.Contains(resp.Diagnostics[0].Detail, "{realm}/{role id}") {
		t.Errorf("%v %s", err, diagnostics(resp.Diagnostics))
	}
}

func TestTheClientPolicyResourcesCannotBeImportedAsUpstreams(t *testing.T) {
	for _, typeName := range []string{clientPolicyProfileType, clientPolicyType} {
		// GIVEN
		p := newTestProvider(t, answers{})

		// WHEN
		resp, err := p.server.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{TypeName: typeName, ID: "r/x"})

		// THEN
		if err != nil || len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Summary, "Import Not Implemented") {
			t.Errorf("%s: %v %s", typeName, err, diagnostics(resp.Diagnostics))
		}
	}
}
