package provider

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

// What the bundled provider writes where the official one writes values the configuration does not
// name, so that both leave Keycloak with the same objects.

func realmWithBruteForce(strategy string) *realmModel {
	bf := bruteForceDetectionModel{PermanentLockout: types.BoolValue(true), BruteForceStrategy: types.StringValue(strategy), MaxTemporaryLockouts: types.Int64Value(10)}
	for _, f := range bruteForceFields {
		*f.get(&bf) = types.Int64Value(f.def)
	}
	return &realmModel{
		Realm: types.StringValue("atlas"), DisplayName: types.StringNull(), PasswordPolicy: types.StringNull(),
		AccessTokenLifespan: types.StringNull(), SsoSessionIdleTimeout: types.StringNull(), SsoSessionMaxLifespan: types.StringNull(),
		SecurityDefenses: []securityDefensesModel{{BruteForceDetection: []bruteForceDetectionModel{bf}}},
	}
}

func TestWritesTheOfficialSecurityHeadersAndBruteForceStrategy(t *testing.T) {
	// GIVEN a realm with brute force detection and no headers, as lib/ configures it
	rep := keycloak.Rep{}
	var diags diag.Diagnostics

	// WHEN
	applyRealm(rep, realmWithBruteForce("MULTIPLE"), &diags)

	// THEN the headers are those the official provider writes without a headers block
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !reflect.DeepEqual(rep["browserSecurityHeaders"], defaultSecurityHeaders) || rep["bruteForceStrategy"] != "MULTIPLE" || rep["bruteForceProtected"] != true {
		t.Errorf("headers %v, strategy %v, protected %v", rep["browserSecurityHeaders"], rep["bruteForceStrategy"], rep["bruteForceProtected"])
	}
	if defaultSecurityHeaders["xFrameOptions"] != "SAMEORIGIN" || defaultSecurityHeaders["contentSecurityPolicyReportOnly"] != "" {
		t.Errorf("not the official defaults: %v", defaultSecurityHeaders)
	}
}

func TestWritesTheOfficialBruteForceDefaultsWithoutTheBlock(t *testing.T) {
	// GIVEN a realm without security_defenses
	m := realmWithBruteForce("")
	m.SecurityDefenses = nil
	rep := keycloak.Rep{}
	var diags diag.Diagnostics

	// WHEN
	applyRealm(rep, m, &diags)

	// THEN detection is off and its settings are the official provider's defaults
	want := map[string]any{"bruteForceProtected": false, "permanentLockout": false, "bruteForceStrategy": "MULTIPLE", "failureFactor": int64(30), "maxDeltaTimeSeconds": int64(43200)}
	for field, value := range want {
		if rep[field] != value {
			t.Errorf("%s = %#v, want %#v", field, rep[field], value)
		}
	}
}

func TestWritesWhetherTheScopeIsInTheProviderMetadata(t *testing.T) {
	for _, include := range []bool{true, false} {
		// GIVEN
		rep := keycloak.Rep{}
		m := &openidClientScopeModel{Name: types.StringValue("s"), Description: types.StringNull(), IncludeInMetadata: types.BoolValue(include)}

		// WHEN
		applyClientScope(rep, m)

		// THEN
		want := map[bool]string{true: "true", false: "false"}[include]
		if got := rep.Map("attributes")["include.in.openid.provider.metadata"]; got != want {
			t.Errorf("include.in.openid.provider.metadata = %v, want %s", got, want)
		}
	}
}
