package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const userRolesType = "keycloak_user_roles"

type userRolesModel struct {
	ID         types.String `tfsdk:"id"`
	RealmID    types.String `tfsdk:"realm_id"`
	UserID     types.String `tfsdk:"user_id"`
	RoleIDs    types.Set    `tfsdk:"role_ids"`
	Exhaustive types.Bool   `tfsdk:"exhaustive"`
}

// newUserRolesResource maps realm and client roles to a user, as upstream's keycloak_user_roles:
// with exhaustive (the default) exactly the listed ones, others being unmapped.
func newUserRolesResource() resource.Resource {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return newResource(resourceType[userRolesModel]{
		name: userRolesType,
		schema: schema.Schema{
			Description: "The realm and client roles mapped to a user: with exhaustive, exactly these (others are unmapped).",
			Attributes: map[string]schema.Attribute{
				"id": schema.StringAttribute{
					Computed: true, Description: "{realm_id}/{user_id}.",
					PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				},
				"realm_id": schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
				"user_id":  schema.StringAttribute{Required: true, Description: "Id of the user.", PlanModifiers: replace},
				"role_ids": schema.SetAttribute{
					ElementType: types.StringType, Required: true,
					Description: "Ids of the realm and client roles mapped to the user.",
				},
				"exhaustive": schema.BoolAttribute{
					Optional: true, Computed: true, Default: booldefault.StaticBool(true),
					Description: "Whether role_ids are all the user's roles: others are unmapped, and read into role_ids. Upstream's default, true.",
				},
			},
		},
		create: func(ctx context.Context, kc *keycloak.Client, plan *userRolesModel, diags *diag.Diagnostics) error {
			return reconcileUserRoles(ctx, kc, plan, nil, diags)
		},
		read: func(ctx context.Context, kc *keycloak.Client, m *userRolesModel) error {
			mapped, err := m.mappings(ctx, kc)
			if err != nil {
				return err // 404: the user is gone
			}
			var diags diag.Diagnostics
			listed := setStrings(ctx, m.RoleIDs, &diags)
			ids := []string{}
			for _, role := range mapped.all() {
				// Not exhaustive: only the listed roles still mapped, as upstream.
				if m.Exhaustive.ValueBool() || slices.Contains(listed, role.String("id")) {
					ids = append(ids, role.String("id"))
				}
			}
			m.RoleIDs = stringSet(ids)
			m.ID = types.StringValue(m.id())
			return nil
		},
		update: reconcileUserRoles,
		// Upstream unmaps only the listed roles, exhaustive or not.
		delete: func(ctx context.Context, kc *keycloak.Client, m *userRolesModel) error {
			mapped, err := m.mappings(ctx, kc)
			if err != nil {
				return err // 404: the user is gone, and its mappings with it
			}
			var diags diag.Diagnostics
			listed := setStrings(ctx, m.RoleIDs, &diags)
			return m.unmap(ctx, kc, mapped.filter(func(role keycloak.Rep) bool { return slices.Contains(listed, role.String("id")) }))
		},
		// Upstream's {realm}/{user id}; it imports as exhaustive, reading every mapped role.
		importID: func(_ context.Context, _ *keycloak.Client, id string) (map[string]any, error) {
			parts, err := splitID(id, 2, "{realm}/{user id}")
			if err != nil {
				return nil, err
			}
			return map[string]any{"id": id, "realm_id": parts[0], "user_id": parts[1], "exhaustive": true}, nil
		},
	})
}

// reconcileUserRoles maps plan's roles that are not mapped yet and unmaps, if exhaustive, the
// roles mapped beyond them and, on update (prior), those that left role_ids.
//
// Requests: one GET of the user's mappings; one GET per role to map, once per run (its name and
// where it goes: Keycloak's POST wants both, the id alone is refused); one POST per client and one for realm
// roles to map; one DELETE per client and one for realm roles to unmap (their representations are
// the mappings'). Upstream reads the user and every listed role first, and reads both back after.
func reconcileUserRoles(ctx context.Context, kc *keycloak.Client, plan, prior *userRolesModel, diags *diag.Diagnostics) error {
	want := setStrings(ctx, plan.RoleIDs, diags)
	var dropped []string // left role_ids on this update: unmapped even when not exhaustive, as upstream
	if prior != nil {
		for _, id := range setStrings(ctx, prior.RoleIDs, diags) {
			if !slices.Contains(want, id) {
				dropped = append(dropped, id)
			}
		}
	}
	if diags.HasError() {
		return nil
	}
	mapped, err := plan.mappings(ctx, kc)
	if err != nil {
		return step("read the role mappings of", err)
	}
	held := map[string]bool{}
	for _, role := range mapped.all() {
		held[role.String("id")] = true
	}

	// Every role to map is found before anything is written, so that an id that is no role of the
	// realm changes nothing. Upstream skips such an id and plans it again on every run.
	toMap := roleGroups{}
	for _, id := range want {
		if held[id] {
			continue
		}
		role, err := kc.RoleByID(ctx, plan.RealmID.ValueString(), id)
		if keycloak.IsNotFound(err) {
			diags.AddAttributeError(path.Root("role_ids"), "Role not found",
				fmt.Sprintf("Realm %q has no role with id %q.", plan.RealmID.ValueString(), id))
			return nil
		}
		if err != nil {
			return step("find the roles of", err)
		}
		container := ""
		if role.Bool("clientRole", false) {
			container = role.String("containerId")
		}
		toMap[container] = append(toMap[container], role)
	}
	for _, container := range slices.Sorted(maps.Keys(toMap)) {
		roles := toMap[container]
		ids := make([]string, len(roles))
		for i, role := range roles {
			ids[i] = role.String("id")
		}
		mappingsPath := plan.mappingsPath(container)
		if _, err := kc.Post(ctx, mappingsPath, roles); err != nil && !kc.MadeByEarlierAttempt(ctx, err, mappingsPath, ids...) {
			return err
		}
	}

	// Mapped first, unmapped after: a service account losing one role for another keeps working
	// throughout.
	unmapped := mapped.filter(func(role keycloak.Rep) bool {
		id := role.String("id")
		return !slices.Contains(want, id) && (plan.Exhaustive.ValueBool() || slices.Contains(dropped, id))
	})
	if err := plan.unmap(ctx, kc, unmapped); err != nil {
		return err
	}

	// No read back: with every write above answered with success, the user's mappings hold every
	// id of role_ids (those the GET found and those just posted) and, if exhaustive, no other (all
	// others the GET found were deleted), so upstream's read would give role_ids as planned. Only a
	// writer between our GET and now could make it differ, and upstream's read back leaves the same
	// window open after itself; the next refresh finds either.
	plan.ID = types.StringValue(plan.id())
	return nil
}

func (m *userRolesModel) id() string { return m.RealmID.ValueString() + "/" + m.UserID.ValueString() }

// mappingsPath is the user's mappings of the roles of container: a client's id, or "" for the realm.
func (m *userRolesModel) mappingsPath(container string) string {
	if container == "" {
		return keycloak.Path(m.RealmID.ValueString(), "users", m.UserID.ValueString(), "role-mappings", "realm")
	}
	return keycloak.Path(m.RealmID.ValueString(), "users", m.UserID.ValueString(), "role-mappings", "clients", container)
}

// roleGroups are role representations by container: a client's id, or "" for the realm's roles.
type roleGroups map[string][]keycloak.Rep

// mappings reads the roles mapped to the user directly, realm and client roles, in one request.
func (m *userRolesModel) mappings(ctx context.Context, kc *keycloak.Client) (roleGroups, error) {
	var answer struct {
		RealmMappings  []keycloak.Rep      `json:"realmMappings"`
		ClientMappings map[string]struct { // by clientId
			ID       string         `json:"id"`
			Mappings []keycloak.Rep `json:"mappings"`
		} `json:"clientMappings"`
	}
	if err := kc.Get(ctx, keycloak.Path(m.RealmID.ValueString(), "users", m.UserID.ValueString(), "role-mappings"), &answer); err != nil {
		return nil, err
	}
	groups := roleGroups{"": answer.RealmMappings}
	for _, client := range answer.ClientMappings {
		groups[client.ID] = client.Mappings
	}
	return groups, nil
}

func (g roleGroups) all() []keycloak.Rep {
	var roles []keycloak.Rep
	for _, group := range g {
		roles = append(roles, group...)
	}
	return roles
}

// filter is the roles that keep holds, without the groups left empty.
func (g roleGroups) filter(keep func(role keycloak.Rep) bool) roleGroups {
	kept := roleGroups{}
	for container, roles := range g {
		for _, role := range roles {
			if keep(role) {
				kept[container] = append(kept[container], role)
			}
		}
	}
	return kept
}

// unmap removes the user's mappings of roles, one request per client and one for realm roles.
func (m *userRolesModel) unmap(ctx context.Context, kc *keycloak.Client, roles roleGroups) error {
	for _, container := range slices.Sorted(maps.Keys(roles)) {
		if err := kc.Delete(ctx, m.mappingsPath(container), roles[container]); err != nil {
			return err
		}
	}
	return nil
}
