package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

func newRoleResource() resource.Resource {
	keepState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return newResource(resourceType[roleModel]{
		name: roleType,
		schema: schema.Schema{
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
					Validators:    []validator.Set{noComposites{"must be empty: composite roles are managed by the keycloak/keycloak provider only"}},
					PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
				},
			},
		},
		create: createRole,
		read:   readRole,
		update: func(ctx context.Context, kc *keycloak.Client, plan, _ *roleModel, diags *diag.Diagnostics) error {
			return updateWith(ctx, kc, plan.path(), diags, func(rep keycloak.Rep) { applyRole(rep, plan) }, func() error { return readRole(ctx, kc, plan) })
		},
		delete: func(ctx context.Context, kc *keycloak.Client, m *roleModel) error {
			return kc.Delete(ctx, m.path(), nil)
		},
		importID: idParts("{realm}/{role id}", "realm_id", "id"),
	})
}

func (m *roleModel) path() string {
	return keycloak.Path(m.RealmID.ValueString(), "roles-by-id", m.ID.ValueString())
}

func createRole(ctx context.Context, kc *keycloak.Client, plan *roleModel, _ *diag.Diagnostics) error {
	roles := []string{plan.RealmID.ValueString(), "roles"}
	if !plan.ClientID.IsNull() {
		roles = []string{plan.RealmID.ValueString(), "clients", plan.ClientID.ValueString(), "roles"}
	}
	rep := keycloak.Rep{}
	applyRole(rep, plan)
	// Keycloak chooses a role's id itself: a repeated POST refused as a duplicate is taken as
	// its earlier attempt's doing, and the role read back by name below.
	if _, err := kc.Post(ctx, keycloak.Path(roles...), rep); err != nil && !keycloak.IsRepeatedConflict(err) {
		return err
	}
	// Keycloak's answer locates the role by name; its id is found by reading it back.
	var created keycloak.Rep
	if err := kc.Get(ctx, keycloak.Path(append(roles, plan.Name.ValueString())...), &created); err != nil {
		return step("read the new", err)
	}
	plan.ID = types.StringValue(created.String("id"))
	return step("read the new", setRole(ctx, kc, plan, created))
}

func readRole(ctx context.Context, kc *keycloak.Client, m *roleModel) error {
	var rep keycloak.Rep
	if err := kc.Get(ctx, m.path(), &rep); err != nil {
		return err
	}
	return setRole(ctx, kc, m, rep)
}

func applyRole(rep keycloak.Rep, m *roleModel) {
	rep["name"] = m.Name.ValueString()
	if !m.Description.IsNull() && !m.Description.IsUnknown() {
		rep["description"] = m.Description.ValueString()
	}
}

func setRole(ctx context.Context, kc *keycloak.Client, m *roleModel, rep keycloak.Rep) error {
	m.Name = types.StringValue(rep.String("name"))
	m.Description = types.StringValue(rep.String("description"))
	m.ClientID = types.StringNull()
	if rep.Bool("clientRole", false) {
		m.ClientID = types.StringValue(rep.String("containerId"))
	}
	composites := []attr.Value{}
	if rep.Bool("composite", false) {
		var roles []keycloak.Rep
		if err := kc.Get(ctx, keycloak.Path(m.RealmID.ValueString(), "roles-by-id", rep.String("id"), "composites"), &roles); err != nil {
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
type noComposites struct{ described }

func (n noComposites) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || len(req.ConfigValue.Elements()) == 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Unsupported attribute value", "composite_roles "+n.Description(ctx)+".")
}
