package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const serviceAccountRoleType = "keycloak_openid_client_service_account_role"

func newOpenidClientServiceAccountRoleResource() resource.Resource {
	return &serviceAccountRoleResource{}
}

// serviceAccountRoleResource assigns a client role to a client's service-account user.
type serviceAccountRoleResource struct{ base }

type serviceAccountRoleModel struct {
	ID                   types.String `tfsdk:"id"`
	RealmID              types.String `tfsdk:"realm_id"`
	ServiceAccountUserID types.String `tfsdk:"service_account_user_id"`
	ClientID             types.String `tfsdk:"client_id"`
	Role                 types.String `tfsdk:"role"`
}

func (r *serviceAccountRoleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_openid_client_service_account_role"
}

func (r *serviceAccountRoleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Description: "Assigns a client role to the service account of an OpenID client.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, Description: "{service_account_user_id}/{role id}.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"realm_id":                schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
			"service_account_user_id": schema.StringAttribute{Required: true, Description: "Id of the service-account user that gets the role.", PlanModifiers: replace},
			"client_id":               schema.StringAttribute{Required: true, Description: "Internal id of the client that owns the role.", PlanModifiers: replace},
			"role":                    schema.StringAttribute{Required: true, Description: "Name of the role.", PlanModifiers: replace},
		},
	}
}

func (m *serviceAccountRoleModel) mappingsPath() string {
	return keycloak.Path(m.RealmID.ValueString(), "users", m.ServiceAccountUserID.ValueString(), "role-mappings", "clients", m.ClientID.ValueString())
}

func (r *serviceAccountRoleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan serviceAccountRoleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	role, err := r.kc.ClientRole(ctx, plan.RealmID.ValueString(), plan.ClientID.ValueString(), plan.Role.ValueString())
	if err != nil {
		fail(&resp.Diagnostics, "find the role of", serviceAccountRoleType, err)
		return
	}
	if _, err := r.kc.Post(ctx, plan.mappingsPath(), []keycloak.Rep{role}); err != nil && !r.kc.MadeByEarlierAttempt(ctx, err, plan.mappingsPath(), role.String("id")) {
		fail(&resp.Diagnostics, "create", serviceAccountRoleType, err)
		return
	}
	plan.ID = types.StringValue(plan.ServiceAccountUserID.ValueString() + "/" + role.String("id"))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *serviceAccountRoleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state serviceAccountRoleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var roles []keycloak.Rep
	if err := r.kc.Get(ctx, state.mappingsPath(), &roles); err != nil {
		if keycloak.IsNotFound(err) {
			resp.State.RemoveResource(ctx)
			return
		}
		fail(&resp.Diagnostics, "read", serviceAccountRoleType, err)
		return
	}
	for _, role := range roles {
		if role.String("name") == state.Role.ValueString() {
			state.ID = types.StringValue(state.ServiceAccountUserID.ValueString() + "/" + role.String("id"))
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			return
		}
	}
	resp.State.RemoveResource(ctx) // the role was unassigned outside Terraform
}

// Update is never called: every attribute requires replacement.
func (r *serviceAccountRoleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *serviceAccountRoleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state serviceAccountRoleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	role, err := r.kc.ClientRole(ctx, state.RealmID.ValueString(), state.ClientID.ValueString(), state.Role.ValueString())
	if err == nil {
		err = r.kc.Delete(ctx, state.mappingsPath(), []keycloak.Rep{role})
	}
	if err != nil && !keycloak.IsNotFound(err) {
		fail(&resp.Diagnostics, "delete", serviceAccountRoleType, err)
	}
}

// ImportState takes upstream's {realm}/{service account user id}/{client id}/{role id}.
func (r *serviceAccountRoleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts := splitID(req.ID, 4, "{realm}/{service account user id}/{client id}/{role id}", &resp.Diagnostics)
	if parts == nil {
		return
	}
	role, err := r.kc.RoleByID(ctx, parts[0], parts[3])
	if err != nil {
		fail(&resp.Diagnostics, "find the role to import as", serviceAccountRoleType, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &serviceAccountRoleModel{
		ID:                   types.StringValue(parts[1] + "/" + parts[3]),
		RealmID:              types.StringValue(parts[0]),
		ServiceAccountUserID: types.StringValue(parts[1]),
		ClientID:             types.StringValue(parts[2]),
		Role:                 types.StringValue(role.String("name")),
	})...)
}
