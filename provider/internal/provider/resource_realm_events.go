package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const realmEventsType = "keycloak_realm_events"

type realmEventsModel struct {
	ID                        types.String `tfsdk:"id"`
	RealmID                   types.String `tfsdk:"realm_id"`
	EventsEnabled             types.Bool   `tfsdk:"events_enabled"`
	EventsExpiration          types.Int64  `tfsdk:"events_expiration"`
	AdminEventsEnabled        types.Bool   `tfsdk:"admin_events_enabled"`
	AdminEventsDetailsEnabled types.Bool   `tfsdk:"admin_events_details_enabled"`
	EnabledEventTypes         types.Set    `tfsdk:"enabled_event_types"`
	EventsListeners           types.Set    `tfsdk:"events_listeners"`
}

func newRealmEventsResource() resource.Resource {
	emptySet := setdefault.StaticValue(stringSet(nil))
	eventsSchema := schema.Schema{
		Description: "The event settings of a realm. Destroying it turns events off.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   "The realm's name.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"realm_id": schema.StringAttribute{
				Required:      true,
				Description:   "The realm the settings apply to.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"events_enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "When true, user events are saved to the database.",
			},
			"events_expiration": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(0),
				Description: "Seconds that saved events are kept; 0 keeps them forever.",
			},
			"admin_events_enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "When true, admin events are saved to the database.",
			},
			"admin_events_details_enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "When true, saved admin events include the request's representation.",
			},
			"enabled_event_types": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true, Computed: true, Default: emptySet,
				Description: "The event types saved; empty saves all types.",
			},
			"events_listeners": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true, Computed: true, Default: emptySet,
				Description: "The event listeners events are sent to; empty removes Keycloak's default jboss-logging.",
			},
		},
	}
	return newResource(resourceType[realmEventsModel]{
		name:   realmEventsType,
		schema: eventsSchema,
		create: writeRealmEvents,
		read: func(ctx context.Context, kc *keycloak.Client, m *realmEventsModel) error {
			var rep keycloak.Rep
			if err := kc.Get(ctx, m.path(), &rep); err != nil {
				return err
			}
			setRealmEvents(m, rep)
			return nil
		},
		update: func(ctx context.Context, kc *keycloak.Client, plan, _ *realmEventsModel, diags *diag.Diagnostics) error {
			return writeRealmEvents(ctx, kc, plan, diags)
		},
		delete: turnOffRealmEvents,
		// Upstream has no import; this is an addition.
		importID: idParts("{realm}", "realm_id"),
	})
}

func (m *realmEventsModel) path() string {
	return keycloak.Path(m.RealmID.ValueString(), "events", "config")
}

// writeRealmEvents puts the planned settings into the realm's event config and refreshes plan from it.
func writeRealmEvents(ctx context.Context, kc *keycloak.Client, plan *realmEventsModel, diags *diag.Diagnostics) error {
	var rep keycloak.Rep
	if err := kc.Get(ctx, plan.path(), &rep); err != nil {
		return step("read", err)
	}
	rep["eventsEnabled"] = plan.EventsEnabled.ValueBool()
	rep["eventsExpiration"] = plan.EventsExpiration.ValueInt64()
	rep["adminEventsEnabled"] = plan.AdminEventsEnabled.ValueBool()
	rep["adminEventsDetailsEnabled"] = plan.AdminEventsDetailsEnabled.ValueBool()
	rep["enabledEventTypes"] = setStrings(ctx, plan.EnabledEventTypes, diags)
	rep["eventsListeners"] = setStrings(ctx, plan.EventsListeners, diags)
	if diags.HasError() {
		return nil
	}
	if err := kc.Put(ctx, plan.path(), rep); err != nil {
		return step("update", err)
	}
	if err := kc.Get(ctx, plan.path(), &rep); err != nil {
		return step("read", err)
	}
	setRealmEvents(plan, rep)
	return nil
}

// turnOffRealmEvents turns events off, since a realm's event settings cannot be deleted.
func turnOffRealmEvents(ctx context.Context, kc *keycloak.Client, state *realmEventsModel) error {
	var rep keycloak.Rep
	if err := kc.Get(ctx, state.path(), &rep); err != nil {
		return step("read", err)
	}
	rep["eventsEnabled"] = false
	rep["adminEventsEnabled"] = false
	rep["adminEventsDetailsEnabled"] = false
	return step("turn off", kc.Put(ctx, state.path(), rep))
}

func setRealmEvents(m *realmEventsModel, rep keycloak.Rep) {
	m.ID = m.RealmID
	m.EventsEnabled = types.BoolValue(rep.Bool("eventsEnabled", false))
	m.EventsExpiration = types.Int64Value(rep.Int("eventsExpiration"))
	m.AdminEventsEnabled = types.BoolValue(rep.Bool("adminEventsEnabled", false))
	m.AdminEventsDetailsEnabled = types.BoolValue(rep.Bool("adminEventsDetailsEnabled", false))
	m.EventsListeners = stringSet(rep.Strings("eventsListeners"))
	// Keycloak answers an empty list of event types ("all types") with the list of all
	// types, so an empty list is kept as it is, as upstream does. After an import (null)
	// Keycloak's list is taken.
	if m.EnabledEventTypes.IsNull() || len(m.EnabledEventTypes.Elements()) > 0 {
		m.EnabledEventTypes = stringSet(rep.Strings("enabledEventTypes"))
	}
}
