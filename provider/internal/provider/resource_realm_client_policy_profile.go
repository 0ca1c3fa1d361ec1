package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const clientPolicyProfileType = "keycloak_realm_client_policy_profile"

type clientPolicyProfileModel struct {
	namedEntry
	Executors []namedConfigurationModel `tfsdk:"executor"`
}

// newRealmClientPolicyProfileResource is an entry of the realm's client profiles.
func newRealmClientPolicyProfileResource() resource.Resource {
	return listEntryResource[clientPolicyProfileModel](clientPolicyProfiles, clientPolicyProfileType, schema.Schema{
		Description: "A client profile of a realm: executors that Keycloak runs for the clients a client policy selects.",
		Attributes:  namedEntryAttributes(clientPolicyProfiles, "The profile's name, by which policies name it."),
		Blocks: map[string]schema.Block{
			"executor": namedConfigurationBlock("An executor, in the order Keycloak runs them.", "The executor's provider id, e.g. secret-rotation."),
		},
	})
}

func (m *clientPolicyProfileModel) entry(ctx context.Context, diags *diag.Diagnostics) keycloak.Rep {
	executors := namedConfigurationsJSON(ctx, m.Executors, "executor", func(string) bool { return false }, diags)
	return keycloak.Rep{"name": m.Name.ValueString(), "description": m.Description.ValueString(), "executors": executors}
}

func (m *clientPolicyProfileModel) fromEntry(entry keycloak.Rep) {
	m.Description = optionalString(entry.String("description"))
	m.Executors = namedConfigurations(entry, "executors", "executor")
}

// namedConfigurationBlock is the executor block of a profile or the condition block of a policy.
func namedConfigurationBlock(description, nameDescription string) schema.ListNestedBlock {
	return schema.ListNestedBlock{
		Description: description,
		NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Required: true, Description: nameDescription},
			"configuration": schema.MapAttribute{
				ElementType: types.StringType, Optional: true,
				Description: `Its settings; a value starting with "{" or "[" is sent as the JSON it holds.`,
			},
		}},
	}
}
