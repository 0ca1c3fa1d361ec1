package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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

func newRealmEventsResource() resource.Resource { return &realmEventsResource{} }

type realmEventsResource struct{ base }

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

func (r *realmEventsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_realm_events"
}

func (r *realmEventsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	emptySet := setdefault.StaticValue(stringSet(nil))
	resp.Schema = schema.Schema{
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
}

func (r *realmEventsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan realmEventsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.write(ctx, &plan, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

func (r *realmEventsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan realmEventsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.write(ctx, &plan, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

// write puts the planned settings into the realm's event config and refreshes plan from it.
func (r *realmEventsResource) write(ctx context.Context, plan *realmEventsModel, diags *diag.Diagnostics) bool {
	configPath := keycloak.Path(plan.RealmID.ValueString(), "events", "config")
	var rep keycloak.Rep
	if err := r.kc.Get(ctx, configPath, &rep); err != nil {
		fail(diags, "read", realmEventsType, err)
		return false
	}
	rep["eventsEnabled"] = plan.EventsEnabled.ValueBool()
	rep["eventsExpiration"] = plan.EventsExpiration.ValueInt64()
	rep["adminEventsEnabled"] = plan.AdminEventsEnabled.ValueBool()
	rep["adminEventsDetailsEnabled"] = plan.AdminEventsDetailsEnabled.ValueBool()
	rep["enabledEventTypes"] = setStrings(ctx, plan.EnabledEventTypes, diags)
	rep["eventsListeners"] = setStrings(ctx, plan.EventsListeners, diags)
	if diags.HasError() {
		return false
	}
	if err := r.kc.Put(ctx, configPath, rep); err != nil {
		fail(diags, "update", realmEventsType, err)
		return false
	}
	if err := r.kc.Get(ctx, configPath, &rep); err != nil {
		fail(diags, "read", realmEventsType, err)
		return false
	}
	plan.ID = plan.RealmID
	setRealmEvents(plan, rep)
	return true
}

func (r *realmEventsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state realmEventsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var rep keycloak.Rep
	if err := r.kc.Get(ctx, keycloak.Path(state.RealmID.ValueString(), "events", "config"), &rep); err != nil {
		if keycloak.IsNotFound(err) {
			resp.State.RemoveResource(ctx)
			return
		}
		fail(&resp.Diagnostics, "read", realmEventsType, err)
		return
	}
	state.ID = state.RealmID
	setRealmEvents(&state, rep)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete turns events off, since a realm's event settings cannot be deleted.
func (r *realmEventsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state realmEventsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	configPath := keycloak.Path(state.RealmID.ValueString(), "events", "config")
	var rep keycloak.Rep
	if err := r.kc.Get(ctx, configPath, &rep); err != nil {
		if !keycloak.IsNotFound(err) {
			fail(&resp.Diagnostics, "read", realmEventsType, err)
		}
		return
	}
	rep["eventsEnabled"] = false
	rep["adminEventsEnabled"] = false
	rep["adminEventsDetailsEnabled"] = false
	if err := r.kc.Put(ctx, configPath, rep); err != nil && !keycloak.IsNotFound(err) {
		fail(&resp.Diagnostics, "turn off", realmEventsType, err)
	}
}

// ImportState takes the realm's name; upstream has no import, this is an addition.
func (r *realmEventsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("realm_id"), req.ID)...)
}

func setRealmEvents(m *realmEventsModel, rep keycloak.Rep) {
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
