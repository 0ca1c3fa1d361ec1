package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const clientPolicyType = "keycloak_realm_client_policy_profile_policy"

// The condition whose configuration upstream sends as written, JSON-looking values included:
// Keycloak reads its attributes as a JSON-encoded string.
const clientAttributesCondition = "client-attributes"

type clientPolicyModel struct {
	namedEntry
	Enabled    types.Bool                `tfsdk:"enabled"`
	Conditions []namedConfigurationModel `tfsdk:"condition"`
	Profiles   types.Set                 `tfsdk:"profiles"`
}

// newRealmClientPolicyProfilePolicyResource is an entry of the realm's client policies.
func newRealmClientPolicyProfilePolicyResource() resource.Resource {
	attributes := namedEntryAttributes(clientPolicies, "The policy's name.")
	attributes["enabled"] = schema.BoolAttribute{
		Optional: true, Computed: true, Default: booldefault.StaticBool(true),
		Description: "Whether Keycloak applies the policy.",
	}
	attributes["profiles"] = schema.SetAttribute{
		ElementType: types.StringType, Required: true,
		Description:   "Names of the profiles applied to the clients the conditions select.",
		PlanModifiers: []planmodifier.Set{setplanmodifier.RequiresReplace()},
	}
	return listEntryResource[clientPolicyModel](clientPolicies, clientPolicyType, schema.Schema{
		Description: "A client policy of a realm: the clients its conditions select get the executors of its profiles.",
		Attributes:  attributes,
		Blocks: map[string]schema.Block{
			"condition": namedConfigurationBlock("A condition; the policy applies to a client when they all hold.", "The condition's provider id, e.g. client-attributes."),
		},
	})
}

func (m *clientPolicyModel) entry(ctx context.Context, diags *diag.Diagnostics) keycloak.Rep {
	keepStrings := func(condition string) bool { return condition == clientAttributesCondition }
	conditions := namedConfigurationsJSON(ctx, m.Conditions, "condition", keepStrings, diags)
	return keycloak.Rep{
		"name": m.Name.ValueString(), "description": m.Description.ValueString(), "enabled": m.Enabled.ValueBool(),
		"conditions": conditions, "profiles": setStrings(ctx, m.Profiles, diags),
	}
}

func (m *clientPolicyModel) fromEntry(entry keycloak.Rep) {
	m.Description = optionalString(entry.String("description"))
	m.Enabled = types.BoolValue(entry.Bool("enabled", false))
	m.Conditions = namedConfigurations(entry, "conditions", "condition")
	m.Profiles = stringSet(entry.Strings("profiles"))
}
