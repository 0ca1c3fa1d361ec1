package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const genericRoleMapperType = "keycloak_generic_role_mapper"

func newGenericRoleMapperResource() resource.Resource { return &genericRoleMapperResource{} }

// genericRoleMapperResource adds a role to the scope mappings of a client or client scope.
type genericRoleMapperResource struct{ base }

type genericRoleMapperModel struct {
	ID            types.String `tfsdk:"id"`
	RealmID       types.String `tfsdk:"realm_id"`
	ClientID      types.String `tfsdk:"client_id"`
	ClientScopeID types.String `tfsdk:"client_scope_id"`
	RoleID        types.String `tfsdk:"role_id"`
}

func (r *genericRoleMapperResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_generic_role_mapper"
}

func (r *genericRoleMapperResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Description: "A scope mapping: lets a realm or client role into the tokens of a client or client scope.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   "{realm}/client/{client id}/scope-mappings/{role's client id}/{role id}, or with client-scope/{scope id}.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"realm_id":        schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
			"client_id":       schema.StringAttribute{Optional: true, Description: "Internal id of the client; conflicts with client_scope_id.", PlanModifiers: replace},
			"client_scope_id": schema.StringAttribute{Optional: true, Description: "Id of the client scope; conflicts with client_id.", PlanModifiers: replace},
			"role_id":         schema.StringAttribute{Required: true, Description: "Id of the realm or client role.", PlanModifiers: replace},
		},
	}
}

func (r *genericRoleMapperResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var c genericRoleMapperModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &c)...)
	if !resp.Diagnostics.HasError() {
		exactlyOne(&resp.Diagnostics, "client_id", c.ClientID, "client_scope_id", c.ClientScopeID)
	}
}

// mappingsPath is the scope-mapping collection that holds role: the realm's roles or
// those of the role's client.
func (m *genericRoleMapperModel) mappingsPath(role keycloak.Rep) string {
	segments := []string{m.RealmID.ValueString(), "clients", m.ClientID.ValueString(), "scope-mappings"}
	if m.ClientID.IsNull() {
		segments = []string{m.RealmID.ValueString(), "client-scopes", m.ClientScopeID.ValueString(), "scope-mappings"}
	}
	if role.Bool("clientRole", false) {
		return keycloak.Path(append(segments, "clients", role.String("containerId"))...)
	}
	return keycloak.Path(append(segments, "realm")...)
}

func (r *genericRoleMapperResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan genericRoleMapperModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	role, err := r.kc.RoleByID(ctx, plan.RealmID.ValueString(), plan.RoleID.ValueString())
	if err != nil {
		fail(&resp.Diagnostics, "find the role of", genericRoleMapperType, err)
		return
	}
	if _, err := r.kc.Post(ctx, plan.mappingsPath(role), []keycloak.Rep{role}); err != nil && !r.kc.MadeByEarlierAttempt(ctx, err, plan.mappingsPath(role), role.String("id")) {
		fail(&resp.Diagnostics, "create", genericRoleMapperType, err)
		return
	}
	// The same id as upstream's; the role's client id is empty for a realm role.
	roleClientID := ""
	if role.Bool("clientRole", false) {
		roleClientID = role.String("containerId")
	}
	parent := "client/" + plan.ClientID.ValueString()
	if plan.ClientID.IsNull() {
		parent = "client-scope/" + plan.ClientScopeID.ValueString()
	}
	plan.ID = types.StringValue(fmt.Sprintf("%s/%s/scope-mappings/%s/%s", plan.RealmID.ValueString(), parent, roleClientID, plan.RoleID.ValueString()))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *genericRoleMapperResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state genericRoleMapperModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	role, err := r.kc.RoleByID(ctx, state.RealmID.ValueString(), state.RoleID.ValueString())
	var mapped []keycloak.Rep
	if err == nil {
		err = r.kc.Get(ctx, state.mappingsPath(role), &mapped)
	}
	if err != nil {
		if keycloak.IsNotFound(err) {
			resp.State.RemoveResource(ctx)
			return
		}
		fail(&resp.Diagnostics, "read", genericRoleMapperType, err)
		return
	}
	for _, m := range mapped {
		if m.String("id") == state.RoleID.ValueString() {
			return // still mapped; nothing else to refresh
		}
	}
	resp.State.RemoveResource(ctx) // the mapping was removed outside Terraform
}

// Update is never called: every attribute requires replacement.
func (r *genericRoleMapperResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *genericRoleMapperResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state genericRoleMapperModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	role, err := r.kc.RoleByID(ctx, state.RealmID.ValueString(), state.RoleID.ValueString())
	if err == nil {
		err = r.kc.Delete(ctx, state.mappingsPath(role), []keycloak.Rep{role})
	}
	if err != nil && !keycloak.IsNotFound(err) {
		fail(&resp.Diagnostics, "delete", genericRoleMapperType, err)
	}
}

// ImportState takes upstream's {realm}/client/{client id}/scope-mappings/{role's client id}/{role id}
// or {realm}/client-scope/{scope id}/scope-mappings/{role's client id}/{role id}.
func (r *genericRoleMapperResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	const format = "{realm}/client/{client id}/scope-mappings/{role's client id}/{role id} or {realm}/client-scope/{scope id}/scope-mappings/{role's client id}/{role id}"
	parts := strings.Split(req.ID, "/")
	if len(parts) != 6 || parts[3] != "scope-mappings" || (parts[1] != "client" && parts[1] != "client-scope") {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q does not have the format %s.", req.ID, format))
		return
	}
	m := genericRoleMapperModel{
		ID: types.StringValue(req.ID), RealmID: types.StringValue(parts[0]), RoleID: types.StringValue(parts[5]),
		ClientID: types.StringNull(), ClientScopeID: types.StringNull(),
	}
	if parts[1] == "client" {
		m.ClientID = types.StringValue(parts[2])
	} else {
		m.ClientScopeID = types.StringValue(parts[2])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
