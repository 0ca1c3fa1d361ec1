package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const clientPolicyProfileType = "keycloak_realm_client_policy_profile"

func newRealmClientPolicyProfileResource() resource.Resource { return &clientPolicyProfileResource{} }

type clientPolicyProfileResource struct{ base }

type clientPolicyProfileModel struct {
	ID          types.String              `tfsdk:"id"`
	Name        types.String              `tfsdk:"name"`
	RealmID     types.String              `tfsdk:"realm_id"`
	Description types.String              `tfsdk:"description"`
	Executors   []namedConfigurationModel `tfsdk:"executor"`
}

func (r *clientPolicyProfileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_realm_client_policy_profile"
}

func (r *clientPolicyProfileResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Description: "A client profile of a realm: executors that Keycloak runs for the clients a client policy selects.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, Description: "{realm_id}/realm-client-policy-profiles/{name}, as upstream's.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{Required: true, Description: "The profile's name, by which policies name it.", PlanModifiers: replace},
			// Upstream updates it in place, which leaves the profile in the old realm: replaced here.
			"realm_id":    schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
			"description": schema.StringAttribute{Optional: true, Description: "Description."},
		},
		Blocks: map[string]schema.Block{
			"executor": namedConfigurationBlock("An executor, in the order Keycloak runs them.", "The executor's provider id, e.g. secret-rotation."),
		},
	}
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

func (r *clientPolicyProfileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.write(ctx, req.Plan.Get, &resp.State, &resp.Diagnostics, true)
}

func (r *clientPolicyProfileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan.Get, &resp.State, &resp.Diagnostics, false)
}

// write puts the planned profile into the realm's list; the state is the plan, as upstream's,
// since Keycloak stores the profile as sent.
func (r *clientPolicyProfileResource) write(ctx context.Context, getPlan func(context.Context, any) diag.Diagnostics, state stateSetter, diags *diag.Diagnostics, create bool) {
	var plan clientPolicyProfileModel
	diags.Append(getPlan(ctx, &plan)...)
	if diags.HasError() {
		return
	}
	executors := make([]any, 0, len(plan.Executors))
	for _, executor := range plan.Executors {
		executors = append(executors, map[string]any{
			"executor":      executor.Name.ValueString(),
			"configuration": configurationJSON(ctx, executor.Configuration, false, diags),
		})
	}
	if diags.HasError() {
		return
	}
	realm := plan.RealmID.ValueString()
	entry := keycloak.Rep{"name": plan.Name.ValueString(), "description": plan.Description.ValueString(), "executors": executors}
	if err := clientPolicyProfiles.put(ctx, r.kc, realm, entry, create); err != nil {
		fail(diags, "write", clientPolicyProfileType, err)
		return
	}
	plan.ID = types.StringValue(realm + "/realm-client-policy-profiles/" + plan.Name.ValueString())
	diags.Append(state.Set(ctx, &plan)...)
}

func (r *clientPolicyProfileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state clientPolicyProfileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	entry, err := clientPolicyProfiles.find(ctx, r.kc, state.RealmID.ValueString(), state.Name.ValueString())
	if err != nil {
		fail(&resp.Diagnostics, "read", clientPolicyProfileType, err)
		return
	}
	if entry == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	state.Description = optionalString(entry.String("description"))
	state.Executors = namedConfigurations(entry, "executors", "executor")
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *clientPolicyProfileResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state clientPolicyProfileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := clientPolicyProfiles.remove(ctx, r.kc, state.RealmID.ValueString(), state.Name.ValueString()); err != nil {
		fail(&resp.Diagnostics, "delete", clientPolicyProfileType, err)
	}
}
