package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const roleType = "keycloak_role"

func newRoleResource() resource.Resource { return &roleResource{} }

type roleResource struct{ base }

type roleModel struct {
	ID          types.String `tfsdk:"id"`
	RealmID     types.String `tfsdk:"realm_id"`
	ClientID    types.String `tfsdk:"client_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	// Composites are read, never written: the project makes none, and the attribute is here so
	// that a state moves to upstream (which records it) without a change.
	CompositeRoles types.Set `tfsdk:"composite_roles"`
}

func (r *roleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role"
}

func (r *roleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keepState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Description: "A realm role, or a client role when client_id is set.",
		Attributes: map[string]schema.Attribute{
			"id":        schema.StringAttribute{Computed: true, Description: "Keycloak's id of the role.", PlanModifiers: keepState},
			"realm_id":  schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
			"client_id": schema.StringAttribute{Optional: true, Description: "Internal id of the client whose role this is; unset for a realm role.", PlanModifiers: replace},
			// Changing it renames the role in place, as upstream does, keeping its mappings.
			"name": schema.StringAttribute{Required: true, Description: "The role's name."},
			// An unset description is left as it is in Keycloak, as upstream does.
			"description": schema.StringAttribute{Optional: true, Computed: true, Description: "Description.", PlanModifiers: keepState},
			"composite_roles": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				Description:   "Ids of the roles this one is made of; read only here: setting any is refused.",
				Validators:    []validator.Set{noComposites{}},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *roleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan roleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	realm, name := plan.RealmID.ValueString(), plan.Name.ValueString()
	roles := []string{realm, "roles"}
	if !plan.ClientID.IsNull() {
		roles = []string{realm, "clients", plan.ClientID.ValueString(), "roles"}
	}
	rep := keycloak.Rep{}
	applyRole(rep, &plan)
	// Keycloak chooses a role's id itself: a repeated POST refused as a duplicate is taken as
	// its earlier attempt's doing, and the role read back by name below.
	if _, err := r.kc.Post(ctx, keycloak.Path(roles...), rep); err != nil && !keycloak.IsRepeatedConflict(err) {
		fail(&resp.Diagnostics, "create", roleType, err)
		return
	}
	// Keycloak's answer locates the role by name; its id is found by reading it back.
	var created keycloak.Rep
	if err := r.kc.Get(ctx, keycloak.Path(append(roles, name)...), &created); err != nil {
		fail(&resp.Diagnostics, "read the new", roleType, err)
		return
	}
	plan.ID = types.StringValue(created.String("id"))
	if err := r.setRole(ctx, &plan, created); err != nil {
		fail(&resp.Diagnostics, "read the new", roleType, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *roleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state roleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rep, err := r.kc.RoleByID(ctx, state.RealmID.ValueString(), state.ID.ValueString())
	if err != nil {
		if keycloak.IsNotFound(err) {
			resp.State.RemoveResource(ctx)
			return
		}
		fail(&resp.Diagnostics, "read", roleType, err)
		return
	}
	if err := r.setRole(ctx, &state, rep); err != nil {
		fail(&resp.Diagnostics, "read", roleType, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *roleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan roleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	realm, id := plan.RealmID.ValueString(), plan.ID.ValueString()
	rep, err := r.kc.RoleByID(ctx, realm, id)
	if err != nil {
		fail(&resp.Diagnostics, "read", roleType, err)
		return
	}
	applyRole(rep, &plan)
	if err := r.kc.Put(ctx, keycloak.Path(realm, "roles-by-id", id), rep); err != nil {
		fail(&resp.Diagnostics, "update", roleType, err)
		return
	}
	if rep, err = r.kc.RoleByID(ctx, realm, id); err != nil {
		fail(&resp.Diagnostics, "read the updated", roleType, err)
		return
	}
	if err := r.setRole(ctx, &plan, rep); err != nil {
		fail(&resp.Diagnostics, "read the updated", roleType, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *roleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state roleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.kc.Delete(ctx, keycloak.Path(state.RealmID.ValueString(), "roles-by-id", state.ID.ValueString()), nil)
	if err != nil && !keycloak.IsNotFound(err) {
		fail(&resp.Diagnostics, "delete", roleType, err)
	}
}

func (r *roleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts := splitID(req.ID, 2, "{realm}/{role id}", &resp.Diagnostics)
	if parts == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("realm_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parts[1])...)
}

func applyRole(rep keycloak.Rep, m *roleModel) {
	rep["name"] = m.Name.ValueString()
	if !m.Description.IsNull() && !m.Description.IsUnknown() {
		rep["description"] = m.Description.ValueString()
	}
}

func (r *roleResource) setRole(ctx context.Context, m *roleModel, rep keycloak.Rep) error {
	m.Name = types.StringValue(rep.String("name"))
	m.Description = types.StringValue(rep.String("description"))
	m.ClientID = types.StringNull()
	if rep.Bool("clientRole", false) {
		m.ClientID = types.StringValue(rep.String("containerId"))
	}
	composites := []attr.Value{}
	if rep.Bool("composite", false) {
		var roles []keycloak.Rep
		if err := r.kc.Get(ctx, keycloak.Path(m.RealmID.ValueString(), "roles-by-id", rep.String("id"), "composites"), &roles); err != nil {
			return err
		}
		for _, role := range roles {
			composites = append(composites, types.StringValue(role.String("id")))
		}
	}
	m.CompositeRoles = types.SetValueMust(types.StringType, composites)
	return nil
}

// noComposites refuses composite_roles with members: this provider does not write them.
type noComposites struct{}

func (noComposites) Description(context.Context) string {
	return "must be empty: composite roles are managed by the keycloak/keycloak provider only"
}
func (n noComposites) MarkdownDescription(ctx context.Context) string { return n.Description(ctx) }
func (n noComposites) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || len(req.ConfigValue.Elements()) == 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Unsupported attribute value", "composite_roles "+n.Description(ctx)+".")
}
