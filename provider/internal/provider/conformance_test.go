package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The bundled provider against the official keycloak/keycloak 5.9.0, as extracted from its binary
// into ../../conformance by extract-schema.sh: the schema the engine sees (names, types,
// required/optional/computed, nesting, max_items) and the values it plans (defaults).

// allowedDifferences are the only ways the bundled schema may depart from the official one, each
// with its reason. Keyed by "<path> <kind>"; a listed difference that no longer occurs fails too,
// so the list stays exact.
var allowedDifferences = map[string]string{
	// Provider settings.
	"provider.url required":                     "official: required, filled from KEYCLOAK_URL by the SDK when unset; bundled: optional with the same fallback. The project never sets it (the environment does).",
	"provider.client_secret sensitive":          "bundled keeps the secret out of plan output; the project never sets it in configuration.",
	"provider.password sensitive":               "as client_secret.",
	"provider.access_token omitted":             "the project signs in with client credentials or a password, never with a static token.",
	"provider.additional_headers omitted":       "never set by the project.",
	"provider.admin_url omitted":                "never set by the project; Keycloak's admin API is under url.",
	"provider.red_hat_sso omitted":              "never set by the project; it targets Keycloak, not Red Hat SSO.",
	"provider.root_ca_certificate omitted":      "never set by the project; the machine's trust store is used.",
	"provider.tls_client_certificate omitted":   "never set by the project (no mutual TLS to Keycloak).",
	"provider.tls_client_private_key omitted":   "as tls_client_certificate.",
	"provider.tls_insecure_skip_verify omitted": "never set by the project: certificates are always verified.",
	"provider.jwt_signing_alg omitted":          "never set by the project (no signed-JWT client authentication of the provider).",
	"provider.jwt_signing_key omitted":          "as jwt_signing_alg.",
	"provider.jwt_token omitted":                "as jwt_signing_alg.",
	"provider.jwt_token_file omitted":           "as jwt_signing_alg.",
	"provider.keycloak_version omitted":         "never set by the project: the official provider asks Keycloak; the bundled one targets Keycloak 26 only.",
	"provider.url optional":                     "see provider.url required.",
}

// omitted are the official attributes and blocks the bundled provider does not have, the bundled
// provider being a same-named subset. lib/ cannot set them: its bindings (.gen) come from the
// bundled schema. Each group says what Keycloak ends up with when they are unset.
var omitted = []struct {
	reason string
	paths  []string
}{
	{
		reason: "unset in the official provider means Keycloak's value (optional and computed) or a default equal to what " +
			"Keycloak gives a new realm; test/integration/provider-switch.test.ts: a realm the bundled provider " +
			"created plans no changes on the official one",
		paths: prefixed("keycloak_realm.", "access_code_lifespan", "access_code_lifespan_login", "access_code_lifespan_user_action",
			"access_token_lifespan_for_implicit_flow", "account_theme", "action_token_generated_by_admin_lifespan",
			"action_token_generated_by_user_lifespan", "admin_permissions_enabled", "admin_theme", "attributes", "browser_flow",
			"client_authentication_flow", "client_session_idle_timeout", "client_session_max_lifespan",
			"default_default_client_scopes", "default_optional_client_scopes", "default_signature_algorithm", "direct_grant_flow",
			"display_name_html", "docker_authentication_flow", "duplicate_emails_allowed", "edit_username_allowed", "email_theme",
			"first_broker_login_flow", "internal_id", "internationalization", "login_theme", "login_with_email_allowed",
			"oauth2_device_code_lifespan", "oauth2_device_polling_interval", "offline_session_idle_timeout",
			"offline_session_max_lifespan", "offline_session_max_lifespan_enabled", "organizations_enabled", "otp_policy",
			"registration_allowed", "registration_email_as_username", "registration_flow", "remember_me", "reset_credentials_flow",
			"reset_password_allowed", "smtp_server", "sso_session_idle_timeout_remember_me", "sso_session_max_lifespan_remember_me",
			"user_managed_access", "verify_email", "web_authn_passwordless_policy", "web_authn_policy"),
	},
	{
		reason: "the official provider writes default browser security headers when the block is absent; the bundled " +
			"one, without the block, always writes those same headers (defaultSecurityHeaders)",
		paths: []string{"keycloak_realm.security_defenses.headers"},
	},
	{
		reason: "a provider-side guard against destroy; the project guards with lifecycle.prevent_destroy and its deletion guard",
		paths:  []string{"keycloak_realm.terraform_deletion_protection"},
	},
	{
		reason: "unset in the official provider means Keycloak's value or a default equal to what Keycloak gives a new " +
			"client; provider-switch.test.ts: clients the bundled provider created plan no changes on the official one",
		paths: prefixed("keycloak_openid_client.", "admin_url", "allow_refresh_token_in_standard_token_exchange",
			"always_display_in_console", "authentication_flow_binding_overrides", "authorization",
			"backchannel_logout_revoke_offline_sessions", "backchannel_logout_session_required", "backchannel_logout_url",
			"client_offline_session_idle_timeout", "client_offline_session_max_lifespan", "client_session_idle_timeout",
			"client_session_max_lifespan", "consent_screen_text", "display_on_consent_screen", "exclude_issuer_from_auth_response",
			"exclude_session_state_from_auth_response", "frontchannel_logout_url", "login_theme",
			"oauth2_device_authorization_grant_enabled", "oauth2_device_code_lifespan", "oauth2_device_polling_interval",
			"oauth2_jwt_authorization_grant_enabled", "oauth2_jwt_authorization_grant_idp", "require_dpop_bound_tokens",
			"resource_server_id", "standard_token_exchange_enabled"),
	},
	{
		reason: "write-only secrets: the project never sets a client secret, Keycloak generates it",
		paths:  []string{"keycloak_openid_client.client_secret_wo", "keycloak_openid_client.client_secret_wo_version"},
	},
	{
		reason: "never set by the project; unset, the official provider writes no extra attributes",
		paths:  []string{"keycloak_openid_client_scope.extra_config"},
	},
	{
		reason: "never set by the project: its roles have no attributes and are created, not imported",
		paths:  []string{"keycloak_role.attributes", "keycloak_role.import"},
	},
}

func prefixed(prefix string, names ...string) []string {
	paths := make([]string, len(names))
	for i, name := range names {
		paths[i] = prefix + name
	}
	return paths
}

// idOptional: every official resource's id is optional and computed, as terraform-plugin-sdk makes
// every id; setting it means nothing there. Bundled ids are computed only; lib/ never sets one
// (test/unit/official-schema.test.ts).
const idOptional = "id optional"

// computedWithoutDefault lists attributes that the official provider declares optional and the
// bundled one optional and computed. Unset, the official provider writes an empty value and the
// bundled one leaves Keycloak's, which is empty too on an object the project creates. They part only
// after a console edit of one lib/ leaves unset (a client's description, base_url, root_url): the
// official provider plans to clear it, the bundled one keeps it.
var computedWithoutDefault = []string{
	"keycloak_openid_client.base_url",
	"keycloak_openid_client.description",
	"keycloak_openid_client.name",
	"keycloak_openid_client.root_url",
	"keycloak_openid_client_scope.description",
	"keycloak_realm.display_name",
}

// zeroValueDefaults lists attributes for which the bundled provider plans a default where the
// official one plans null or unknown, yet writes the same value: for an unset attribute the
// official provider sends Go's zero value (data.Get), which is the bundled default. The framework
// needs the attribute computed to carry a default.
var zeroValueDefaults = []string{
	"keycloak_openid_client.consent_required",
	"keycloak_openid_client.direct_access_grants_enabled",
	"keycloak_openid_client.frontchannel_logout_enabled",
	"keycloak_openid_client.implicit_flow_enabled",
	"keycloak_openid_client.pkce_code_challenge_method",
	"keycloak_openid_client.service_accounts_enabled",
	"keycloak_openid_client.standard_flow_enabled",
	"keycloak_openid_client.valid_post_logout_redirect_uris",
	"keycloak_openid_client.valid_redirect_uris",
	"keycloak_openid_client.web_origins",
	"keycloak_openid_client_scope.consent_screen_text",
	"keycloak_openid_client_scope.gui_order",
	"keycloak_realm_events.admin_events_details_enabled",
	"keycloak_realm_events.admin_events_enabled",
	"keycloak_realm_events.enabled_event_types",
	"keycloak_realm_events.events_enabled",
	"keycloak_realm_events.events_expiration",
	"keycloak_realm_events.events_listeners",
}

const officialSource = "registry.terraform.io/keycloak/keycloak"

type officialSchemas struct {
	ProviderSchemas map[string]struct {
		Provider        officialSchema            `json:"provider"`
		ResourceSchemas map[string]officialSchema `json:"resource_schemas"`
	} `json:"provider_schemas"`
}

type officialSchema struct {
	Version int64         `json:"version"`
	Block   officialBlock `json:"block"`
}

type officialBlock struct {
	Attributes map[string]officialAttribute `json:"attributes"`
	BlockTypes map[string]officialBlockType `json:"block_types"`
}

type officialAttribute struct {
	Type      json.RawMessage `json:"type"`
	Required  bool            `json:"required"`
	Optional  bool            `json:"optional"`
	Computed  bool            `json:"computed"`
	Sensitive bool            `json:"sensitive"`
}

type officialBlockType struct {
	NestingMode string        `json:"nesting_mode"`
	Block       officialBlock `json:"block"`
	MinItems    int64         `json:"min_items"`
	MaxItems    int64         `json:"max_items"`
}

// officialPlan is what the official provider plans for a minimal configuration of one resource type.
type officialPlan struct {
	Config  map[string]any `json:"config"`
	Planned map[string]any `json:"planned"`
	Unknown map[string]any `json:"unknown"`
}

func readExtract(t *testing.T, name string, into any) {
	t.Helper()
	raw, err := os.ReadFile("../../conformance/keycloak-5.9.0-" + name + ".json")
	if err != nil {
		t.Fatal(err)
	}
	decoder := json.NewDecoder(strings.NewReader(string(raw)))
	decoder.UseNumber()
	if err := decoder.Decode(into); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func officialSchemaExtract(t *testing.T) (provider officialSchema, resources map[string]officialSchema) {
	t.Helper()
	var extract officialSchemas
	readExtract(t, "schema", &extract)
	official, ok := extract.ProviderSchemas[officialSource]
	if !ok || len(official.ResourceSchemas) == 0 {
		t.Fatalf("the extract holds no schema of %s", officialSource)
	}
	return official.Provider, official.ResourceSchemas
}

func bundledSchemas(t *testing.T, server tfprotov6.ProviderServer) *tfprotov6.GetProviderSchemaResponse {
	t.Helper()
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
	}
	return resp
}

func TestServesExactlyTheResourceTypesOfTheOfficialExtract(t *testing.T) {
	// GIVEN
	_, official := officialSchemaExtract(t)

	// WHEN
	bundled := bundledSchemas(t, NewServer()).ResourceSchemas

	// THEN
	if got, want := sortedKeys(bundled), sortedKeys(official); !slices.Equal(got, want) {
		t.Errorf("bundled resource types %v, the extract's (those the project uses) %v", got, want)
	}
}

func TestSchemaIsTheOfficialOneButForTheAllowedDifferences(t *testing.T) {
	// GIVEN
	officialProvider, officialResources := officialSchemaExtract(t)
	var plans map[string]officialPlan
	readExtract(t, "plan", &plans)

	// WHEN
	found := schemaDifferences(bundledSchemas(t, NewServer()), officialProvider, officialResources)

	// THEN
	for _, difference := range found {
		if _, allowed := allowedDifference(difference.key, plans); !allowed {
			t.Errorf("%s: %s", difference.key, difference.detail)
		}
	}
	listed := sortedKeys(allowedDifferences)
	for _, group := range omitted {
		for _, path := range group.paths {
			listed = append(listed, path+" omitted")
		}
	}
	for _, key := range listed {
		if !slices.ContainsFunc(found, func(d difference) bool { return d.key == key }) {
			t.Errorf("allowed difference %q no longer occurs: remove it from the list", key)
		}
	}
}

func TestRejectsASchemaThatDepartsFromTheOfficialOne(t *testing.T) {
	// GIVEN the bundled schema with one attribute's type, one block's nesting and one flag changed
	officialProvider, officialResources := officialSchemaExtract(t)
	schemas := bundledSchemas(t, NewServer())
	realm := schemas.ResourceSchemas[realmType].Block
	for _, attribute := range realm.Attributes {
		switch attribute.Name {
		case "refresh_token_max_reuse":
			attribute.Type = tftypes.String
		case "realm":
			attribute.Required, attribute.Optional = false, true
		}
	}
	findBlock(realm, []string{"security_defenses"}).MaxItems = 0

	// WHEN
	found := schemaDifferences(schemas, officialProvider, officialResources)

	// THEN each is reported
	for _, key := range []string{"keycloak_realm.refresh_token_max_reuse type", "keycloak_realm.realm required", "keycloak_realm.security_defenses nesting"} {
		if !slices.ContainsFunc(found, func(d difference) bool { return d.key == key }) {
			t.Errorf("%s not reported; found %v", key, found)
		}
	}
}

func TestPlansTheOfficialDefaults(t *testing.T) {
	// GIVEN the official provider's plan of a minimal configuration of each resource type
	var official map[string]officialPlan
	readExtract(t, "plan", &official)
	server := NewServer()
	schemas := bundledSchemas(t, server).ResourceSchemas

	for typeName, want := range official {
		t.Run(typeName, func(t *testing.T) {
			// WHEN the bundled provider plans the same configuration
			planned := planCreate(t, server, typeName, schemas[typeName], want.Config)

			// THEN every value it plans is the official one: a default where the official has one,
			// unknown (read from Keycloak) where the official plans unknown
			for _, problem := range comparePlanned(typeName, planned, want.Planned, want.Unknown) {
				t.Error(problem)
			}
		})
	}
}

func TestImportsTheOfficialImportIDFormats(t *testing.T) {
	// GIVEN the import ids of the official provider's documentation (docs/resources/*.md)
	server := NewServer()
	schemas := bundledSchemas(t, server).ResourceSchemas
	for _, example := range []struct{ typeName, id, realmAttribute string }{
		{realmType, "my-realm", "realm"},
		{"keycloak_realm_default_client_scopes", "my-realm", "realm_id"},
		{"keycloak_realm_optional_client_scopes", "my-realm", "realm_id"},
		{openidClientType, "my-realm/dcbc4c73-e478-4928-ae2e-d5e420223352", "realm_id"},
		{openidClientScopeType, "my-realm/8e8f7fe1-df9b-40ed-bed3-4597aa0dac52", "realm_id"},
		{audienceMapperType, "my-realm/client/dcbc4c73-e478-4928-ae2e-d5e420223352/8e8f7fe1-df9b-40ed-bed3-4597aa0dac52", "realm_id"},
		// Not here, as they look things up in Keycloak: the mappers' name-based formats ({…}/name/{mapper
		// name}) and the service account role's {realm}/{user id}/{client id}/{role id} (role id to name).
		{"keycloak_role", "my-realm/7e8cf32a-8acb-4d34-89c4-04fb1d10ccad", "realm_id"},
		{genericRoleMapperType, "my-realm/client/23888550-5dcd-41f6-85ba-554233021e9c/scope-mappings/ce51f004-bdfb-4dd5-a963-c4487d2dec5b/ff3aa49f-bc07-4030-8783-41918c3614a3", "realm_id"},
		{genericRoleMapperType, "my-realm/client-scope/23888550-5dcd-41f6-85ba-554233021e9c/scope-mappings/ce51f004-bdfb-4dd5-a963-c4487d2dec5b/ff3aa49f-bc07-4030-8783-41918c3614a3", "realm_id"},
		{userRolesType, "my-realm/b0ae6924-1bd5-4655-9e38-dae7c5e42924", "realm_id"},
	} {
		t.Run(example.typeName+" "+example.id, func(t *testing.T) {
			// WHEN
			resp, err := server.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{TypeName: example.typeName, ID: example.id})

			// THEN it names the realm, as the official provider reads it from the id
			if err != nil || len(resp.Diagnostics) > 0 || len(resp.ImportedResources) != 1 {
				t.Fatalf("import refused: %v %v", err, resp.Diagnostics)
			}
			value, err := resp.ImportedResources[0].State.Unmarshal(schemas[example.typeName].ValueType())
			if err != nil {
				t.Fatal(err)
			}
			var attributes map[string]tftypes.Value
			if err := value.As(&attributes); err != nil {
				t.Fatal(err)
			}
			var realm string
			if err := attributes[example.realmAttribute].As(&realm); err != nil || realm != "my-realm" {
				t.Errorf("%s = %q (%v), want my-realm", example.realmAttribute, realm, err)
			}
		})
	}
}

// A difference between the bundled and the official schema: key "<path> <kind>".
type difference struct{ key, detail string }

func allowedDifference(key string, plans map[string]officialPlan) (string, bool) {
	if reason, ok := allowedDifferences[key]; ok {
		return reason, true
	}
	if strings.HasSuffix(key, ".id optional") {
		return idOptional, true
	}
	if path, ok := strings.CutSuffix(key, " omitted"); ok {
		for _, group := range omitted {
			if slices.Contains(group.paths, path) {
				return group.reason, true
			}
		}
	}
	path, computed := strings.CutSuffix(key, " computed")
	switch {
	case !computed:
		return "", false
	case slices.Contains(computedWithoutDefault, path):
		return "see computedWithoutDefault", true
	case slices.Contains(zeroValueDefaults, path):
		return "see zeroValueDefaults", true
	case officialDefault(plans, path) != nil:
		// The official attribute has a default; the framework needs a computed attribute to carry
		// one. TestPlansTheOfficialDefaults checks that the bundled default is the same.
		return "a default", true
	}
	return "", false
}

// officialDefault is the value the official provider plans for the unset attribute at path
// ("<type>.<attribute or block>...", one element of each block), nil when it plans none.
func officialDefault(plans map[string]officialPlan, path string) any {
	names := strings.Split(path, ".")
	var value any = plans[names[0]].Planned
	for _, name := range names[1:] {
		if list, ok := value.([]any); ok && len(list) > 0 {
			value = list[0]
		}
		object, _ := value.(map[string]any)
		value = object[name]
	}
	return value
}

func schemaDifferences(bundled *tfprotov6.GetProviderSchemaResponse, officialProvider officialSchema, officialResources map[string]officialSchema) []difference {
	found := blockDifferences("provider", bundled.Provider.Block, officialProvider.Block)
	for typeName, official := range officialResources {
		schema, ok := bundled.ResourceSchemas[typeName]
		if !ok {
			found = append(found, difference{typeName + " omitted", "no such resource type"})
			continue
		}
		if schema.Version != official.Version {
			found = append(found, difference{typeName + " version", fmt.Sprintf("schema version %d, official %d", schema.Version, official.Version)})
		}
		found = append(found, blockDifferences(typeName, schema.Block, official.Block)...)
	}
	return found
}

func blockDifferences(at string, bundled *tfprotov6.SchemaBlock, official officialBlock) []difference {
	var found []difference
	add := func(name, kind, format string, args ...any) {
		found = append(found, difference{at + "." + name + " " + kind, fmt.Sprintf(format, args...)})
	}
	present := map[string]bool{}
	for _, attribute := range bundled.Attributes {
		want, ok := counterpart(attribute.Name, "attribute", official.Attributes, present, add)
		if !ok {
			continue
		}
		wantType, err := tftypes.ParseJSONType(want.Type)
		if err != nil {
			add(attribute.Name, "type", "unreadable official type %s: %v", want.Type, err)
		} else if !wantType.Equal(attribute.Type) {
			add(attribute.Name, "type", "type %s, official %s", attribute.Type, wantType)
		}
		if attribute.Required != want.Required {
			add(attribute.Name, "required", "required %v, official %v", attribute.Required, want.Required)
		}
		if attribute.Optional != want.Optional {
			add(attribute.Name, "optional", "optional %v, official %v", attribute.Optional, want.Optional)
		}
		if attribute.Computed != want.Computed {
			add(attribute.Name, "computed", "computed %v, official %v", attribute.Computed, want.Computed)
		}
		if attribute.Sensitive != want.Sensitive {
			add(attribute.Name, "sensitive", "sensitive %v, official %v", attribute.Sensitive, want.Sensitive)
		}
	}
	for _, block := range bundled.BlockTypes {
		want, ok := counterpart(block.TypeName, "block", official.BlockTypes, present, add)
		if !ok {
			continue
		}
		if nestingMode(block.Nesting) != want.NestingMode || block.MinItems != want.MinItems || block.MaxItems != want.MaxItems {
			add(block.TypeName, "nesting", "%s block of %d to %d, official %s of %d to %d",
				nestingMode(block.Nesting), block.MinItems, block.MaxItems, want.NestingMode, want.MinItems, want.MaxItems)
		}
		found = append(found, blockDifferences(at+"."+block.TypeName, block.Block, want.Block)...)
	}
	for name, want := range official.Attributes {
		if present[name] {
			continue
		}
		if want.Required {
			add(name, "required", "the official provider requires it; bundled has no such attribute")
		} else {
			add(name, "omitted", "bundled has no such attribute")
		}
	}
	for name, want := range official.BlockTypes {
		if !present[name] {
			add(name, "omitted", "bundled has no such block (official: %s of %d to %d)", want.NestingMode, want.MinItems, want.MaxItems)
		}
	}
	return found
}

// counterpart marks name present and is the official attribute or block of that name; one the
// official provider does not have is reported as extra.
func counterpart[T any](name, what string, official map[string]T, present map[string]bool, add func(name, kind, format string, args ...any)) (T, bool) {
	present[name] = true
	want, ok := official[name]
	if !ok {
		add(name, "extra", "the official provider has no such %s", what)
	}
	return want, ok
}

func nestingMode(mode tfprotov6.SchemaNestedBlockNestingMode) string {
	switch mode {
	case tfprotov6.SchemaNestedBlockNestingModeSingle:
		return "single"
	case tfprotov6.SchemaNestedBlockNestingModeList:
		return "list"
	case tfprotov6.SchemaNestedBlockNestingModeSet:
		return "set"
	case tfprotov6.SchemaNestedBlockNestingModeMap:
		return "map"
	case tfprotov6.SchemaNestedBlockNestingModeGroup:
		return "group"
	}
	return mode.String()
}

// planCreate plans creating a resource of typeName from config (Terraform JSON syntax), as the
// engine asks: the configuration is also the proposed new state.
func planCreate(t *testing.T, server tfprotov6.ProviderServer, typeName string, schema *tfprotov6.Schema, config map[string]any) tftypes.Value {
	t.Helper()
	objectType := schema.ValueType()
	configValue, err := fromJSON(objectType, config)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	configDynamic, err := tfprotov6.NewDynamicValue(objectType, configValue)
	if err != nil {
		t.Fatal(err)
	}
	prior, err := tfprotov6.NewDynamicValue(objectType, tftypes.NewValue(objectType, nil))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: &prior, ProposedNewState: &configDynamic, Config: &configDynamic,
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("plan refused: %v %v", err, resp.Diagnostics)
	}
	planned, err := resp.PlannedState.Unmarshal(objectType)
	if err != nil {
		t.Fatal(err)
	}
	return planned
}

// fromJSON is the value of typ that JSON-decoded v denotes; attributes and blocks v leaves out
// are null, and those the bundled schema does not have are dropped (the schema test covers them).
func fromJSON(typ tftypes.Type, v any) (tftypes.Value, error) {
	if v == nil {
		return tftypes.NewValue(typ, nil), nil
	}
	switch {
	case typ.Is(tftypes.Object{}):
		attributeTypes := typ.(tftypes.Object).AttributeTypes
		object, ok := v.(map[string]any)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("want an object, got %v", v)
		}
		values := map[string]tftypes.Value{}
		for name, attributeType := range attributeTypes {
			value, err := fromJSON(attributeType, object[name])
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("%s: %w", name, err)
			}
			values[name] = value
		}
		return tftypes.NewValue(typ, values), nil
	case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}):
		var elementType tftypes.Type
		if list, ok := typ.(tftypes.List); ok {
			elementType = list.ElementType
		} else {
			elementType = typ.(tftypes.Set).ElementType
		}
		var elements []tftypes.Value
		for _, element := range v.([]any) {
			value, err := fromJSON(elementType, element)
			if err != nil {
				return tftypes.Value{}, err
			}
			elements = append(elements, value)
		}
		return tftypes.NewValue(typ, elements), nil
	case typ.Is(tftypes.Map{}):
		elementType := typ.(tftypes.Map).ElementType
		values := map[string]tftypes.Value{}
		for key, element := range v.(map[string]any) {
			value, err := fromJSON(elementType, element)
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("%s: %w", key, err)
			}
			values[key] = value
		}
		return tftypes.NewValue(typ, values), nil
	case typ.Is(tftypes.Number):
		number, _, err := big.ParseFloat(string(v.(json.Number)), 10, 512, big.ToNearestEven)
		return tftypes.NewValue(typ, number), err
	}
	return tftypes.NewValue(typ, v), nil
}

// comparePlanned lists where the bundled planned value departs from the official plan (planned
// values and the matching after_unknown markers of `tofu show -json`).
func comparePlanned(at string, bundled tftypes.Value, planned, unknown any) []string {
	unknownHere, _ := unknown.(bool)
	if (unknownHere || planned == nil) && bundled.IsKnown() && slices.Contains(zeroValueDefaults, at) {
		if zero, _ := bundled.Equal(zeroValue(bundled.Type())), true; zero {
			return nil
		}
		return []string{fmt.Sprintf("%s: bundled plans %v, not the zero value the official provider writes", at, bundled)}
	}
	switch {
	case unknownHere && bundled.IsKnown():
		return []string{fmt.Sprintf("%s: bundled plans %v, the official provider leaves it to Keycloak (unknown)", at, bundled)}
	case unknownHere:
		return nil
	case !bundled.IsKnown():
		if planned == nil && slices.Contains(computedWithoutDefault, at) {
			return nil // bundled keeps Keycloak's value where the official writes a zero value; lib/ sets it
		}
		return []string{fmt.Sprintf("%s: bundled plans unknown, the official provider %v", at, planned)}
	case bundled.IsNull() || planned == nil:
		if bundled.IsNull() != (planned == nil) {
			return []string{fmt.Sprintf("%s: bundled plans %v, the official provider %v", at, bundled, planned)}
		}
		return nil
	}
	switch {
	case bundled.Type().Is(tftypes.Object{}):
		var attributes map[string]tftypes.Value
		_ = bundled.As(&attributes)
		wantObject, _ := planned.(map[string]any)
		unknownObject, _ := unknown.(map[string]any)
		var problems []string
		for _, name := range sortedKeys(attributes) {
			problems = append(problems, comparePlanned(at+"."+name, attributes[name], wantObject[name], unknownObject[name])...)
		}
		return problems
	case bundled.Type().Is(tftypes.List{}), bundled.Type().Is(tftypes.Set{}):
		var elements []tftypes.Value
		_ = bundled.As(&elements)
		wantElements, _ := planned.([]any)
		unknownElements, _ := unknown.([]any)
		if len(elements) != len(wantElements) {
			return []string{fmt.Sprintf("%s: bundled plans %d elements, the official provider %d", at, len(elements), len(wantElements))}
		}
		var problems []string
		for i := range elements {
			var unknownElement any
			if i < len(unknownElements) {
				unknownElement = unknownElements[i]
			}
			problems = append(problems, comparePlanned(fmt.Sprintf("%s[%d]", at, i), elements[i], wantElements[i], unknownElement)...)
		}
		return problems
	}
	var got any
	switch {
	case bundled.Type().Is(tftypes.Number):
		var number big.Float
		_ = bundled.As(&number)
		got = json.Number(number.Text('f', -1))
	case bundled.Type().Is(tftypes.Bool):
		var b bool
		_ = bundled.As(&b)
		got = b
	default:
		var s string
		_ = bundled.As(&s)
		got = s
	}
	if !reflect.DeepEqual(got, planned) {
		return []string{fmt.Sprintf("%s: bundled plans %#v, the official provider %#v", at, got, planned)}
	}
	return nil
}

// zeroValue is Go's zero value of a primitive type, or an empty collection, as the official provider
// writes for an unset attribute.
func zeroValue(typ tftypes.Type) tftypes.Value {
	switch {
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, false)
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, big.NewFloat(0))
	case typ.Is(tftypes.String):
		return tftypes.NewValue(typ, "")
	}
	return tftypes.NewValue(typ, []tftypes.Value{})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}
