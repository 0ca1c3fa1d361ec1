package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const clientPolicyType = "keycloak_realm_client_policy_profile_policy"

// The condition whose configuration upstream sends as written, JSON-looking values included:
// Keycloak reads its attributes as a JSON-encoded string.
const clientAttributesCondition = "client-attributes"

func newRealmClientPolicyProfilePolicyResource() resource.Resource { return &clientPolicyResource{} }

type clientPolicyResource struct{ base }

type clientPolicyModel struct {
	ID          types.String              `tfsdk:"id"`
	Name        types.String              `tfsdk:"name"`
	RealmID     types.String              `tfsdk:"realm_id"`
	Description types.String              `tfsdk:"description"`
	Enabled     types.Bool                `tfsdk:"enabled"`
	Conditions  []namedConfigurationModel `tfsdk:"condition"`
	Profiles    types.Set                 `tfsdk:"profiles"`
}

func (r *clientPolicyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_realm_client_policy_profile_policy"
}

func (r *clientPolicyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Description: "A client policy of a realm: the clients its conditions select get the executors of its profiles.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, Description: "{realm_id}/realm-client-policy-profile-policies/{name}, as upstream's.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{Required: true, Description: "The policy's name.", PlanModifiers: replace},
			// Upstream updates it in place, which leaves the policy in the old realm: replaced here.
			"realm_id":    schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
			"description": schema.StringAttribute{Optional: true, Description: "Description."},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				Description: "Whether Keycloak applies the policy.",
			},
			"profiles": schema.SetAttribute{
				ElementType: types.StringType, Required: true,
				Description:   "Names of the profiles applied to the clients the conditions select.",
				PlanModifiers: []planmodifier.Set{setplanmodifier.RequiresReplace()},
			},
		},
		Blocks: map[string]schema.Block{
			"condition": namedConfigurationBlock("A condition; the policy applies to a client when they all hold.", "The condition's provider id, e.g. client-attributes."),
		},
	}
}

func (r *clientPolicyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.write(ctx, req.Plan.Get, &resp.State, &resp.Diagnostics, true)
}

func (r *clientPolicyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan.Get, &resp.State, &resp.Diagnostics, false)
}

// write puts the planned policy into the realm's list; the state is the plan, as upstream's,
// since Keycloak stores the policy as sent.
func (r *clientPolicyResource) write(ctx context.Context, getPlan func(context.Context, any) diag.Diagnostics, state stateSetter, diags *diag.Diagnostics, create bool) {
	var plan clientPolicyModel
	diags.Append(getPlan(ctx, &plan)...)
	if diags.HasError() {
		return
	}
	conditions := make([]any, 0, len(plan.Conditions))
	for _, condition := range plan.Conditions {
		name := condition.Name.ValueString()
		conditions = append(conditions, map[string]any{
			"condition":     name,
			"configuration": configurationJSON(ctx, condition.Configuration, name == clientAttributesCondition, diags),
		})
	}
	profiles := setStrings(ctx, plan.Profiles, diags)
	if diags.HasError() {
		return
	}
	realm := plan.RealmID.ValueString()
	entry := keycloak.Rep{
		"name": plan.Name.ValueString(), "description": plan.Description.ValueString(), "enabled": plan.Enabled.ValueBool(),
		"conditions": conditions, "profiles": profiles,
	}
	if err := clientPolicies.put(ctx, r.kc, realm, entry, create); err != nil {
		fail(diags, "write", clientPolicyType, err)
		return
	}
	plan.ID = types.StringValue(realm + "/realm-client-policy-profile-policies/" + plan.Name.ValueString())
	diags.Append(state.Set(ctx, &plan)...)
}

func (r *clientPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state clientPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	entry, err := clientPolicies.find(ctx, r.kc, state.RealmID.ValueString(), state.Name.ValueString())
	if err != nil {
		fail(&resp.Diagnostics, "read", clientPolicyType, err)
		return
	}
	if entry == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	state.Description = optionalString(entry.String("description"))
	state.Enabled = types.BoolValue(entry.Bool("enabled", false))
	state.Conditions = namedConfigurations(entry, "conditions", "condition")
	state.Profiles = stringSet(entry.Strings("profiles"))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *clientPolicyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state clientPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := clientPolicies.remove(ctx, r.kc, state.RealmID.ValueString(), state.Name.ValueString()); err != nil {
		fail(&resp.Diagnostics, "delete", clientPolicyType, err)
	}
}
