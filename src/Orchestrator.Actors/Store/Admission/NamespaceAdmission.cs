using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Registry;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Store.Admission;

/// <summary>
/// Admission for one namespace: LimitRange defaults and limits on pods, ResourceQuota on every
/// create, and the quotas' status.used. One per namespace, a child of the
/// <see cref="Front.ObjectStore"/>, which sends it every create into the namespace, every delete in it
/// and every write to its ResourceQuotas and LimitRanges (<see cref="Admit"/>).
/// </summary>
/// <remarks>
/// <para>Why one actor per namespace, one request at a time: a quota is a budget shared by every
/// create in its namespace. Checking it and charging it must be one step, or two creates could each
/// see room for one and both pass. Handlers that await (read the quotas, charge one, create the
/// object) suspend this actor's mailbox until done, so the next create in the namespace is checked
/// against a use that includes every create before it. Namespaces do not wait for each other.</para>
/// <para>Use is charged before the object is created (written to status.used with the quota's
/// resourceVersion as precondition, so a writer elsewhere makes the charge fail and be redone on the
/// fresh quota rather than be lost) and recomputed from the objects that exist after a failed
/// create, before the next create after a delete (and 200 ms after the last delete of a burst), when a quota or its limits change, and every
/// <see cref="AdmissionSettings.QuotaResyncInterval"/> (pods that ended stop counting then). A
/// recomputation lists with read-your-writes and runs between creates, so it sees every object
/// admitted before it: the count it writes is exact, never short.</para>
/// <para>The policy (quotas and limit ranges) is cached and read again after every write to it,
/// which passes through here; a namespace without either admits by forwarding at once.</para>
/// </remarks>
public sealed class NamespaceAdmission : ReceiveActor, IWithTimers
{
    private readonly string _namespace;
    private readonly IActorRef _store;
    private readonly KindCatalog _catalog;
    private readonly QuotaResources _resources;
    private readonly AdmissionSettings _settings;
    private const string StaleUsageTimer = "stale-usage";
    private static readonly TimeSpan StaleUsageDelay = TimeSpan.FromMilliseconds(200);
    private readonly TimeSpan _requestTimeout;
    private readonly ResourceType _quotaType;
    private readonly ResourceType _limitRangeType;
    private Policy? _policy;
    private bool _usageStale;

    /// <summary>Admission for <paramref name="ns"/>; commands that pass go back to <paramref name="store"/> as <see cref="AdmittedCommand"/>.</summary>
    public NamespaceAdmission(string ns, IActorRef store, KindCatalog catalog, AdmissionSettings settings, TimeSpan requestTimeout)
    {
        _namespace = ns;
        _store = store;
        _catalog = catalog;
        _resources = new QuotaResources(catalog);
        _settings = settings;
        _requestTimeout = requestTimeout;
        _quotaType = catalog.Registry.Get<ResourceQuota>();
        _limitRangeType = catalog.Registry.Get<LimitRange>();

        ReceiveAsync<Admit>(HandleAdmit);
        ReceiveAsync<ResyncQuotas>(_ => HandleResync());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the admission of <paramref name="ns"/>.</summary>
    public static Props Props(string ns, IActorRef store, KindCatalog catalog, AdmissionSettings settings, TimeSpan requestTimeout) =>
        Runtime.Props.Create(() => new NamespaceAdmission(ns, store, catalog, settings, requestTimeout));

    /// <summary>True for the kinds whose writes change admission policy.</summary>
    public static bool IsPolicyKind(ResourceType type) => type.Group.Length == 0 && type.Kind is "ResourceQuota" or "LimitRange";

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartPeriodicTimer(ResyncQuotas.Instance, ResyncQuotas.Instance, _settings.QuotaResyncInterval);

    private async Task HandleAdmit(Admit admit)
    {
        var replyTo = Sender;
        try
        {
            var policyWrite = IsPolicyKind(_catalog.Get(admit.Key));
            var policy = _policy is { } cached && (!_usageStale || admit.Command is not CreateObject) ? cached : await Refresh();
            if (policy.IsEmpty && !policyWrite)
            {
                _store.Tell(new AdmittedCommand(admit.Key, admit.Command), replyTo);
                return;
            }

            var reply = admit.Command is CreateObject create
                ? await AdmitCreate(admit.Key, create, policy)
                : await Forward(admit.Key, admit.Command);
            replyTo.Tell(reply, Self);
            if (policyWrite && reply.IsSuccess) _policy = null;
            else if (admit.Command is DeleteObject && reply.Removed && policy.Quotas.Count > 0)
            {
                // Recomputed before the next create, or soon after the last of a burst of deletes.
                _usageStale = true;
                Timers.StartSingleTimer(StaleUsageTimer, ResyncQuotas.Instance, StaleUsageDelay);
            }
        }
        catch (Exception e)
        {
            // The client must hear back whatever failed; the policy is read again next time.
            _policy = null;
            replyTo.Tell(ObjectReply.Failed(StatusError.Timeout($"admission in namespace {_namespace} failed: {e.Message}")), Self);
        }
    }

    private async Task<ObjectReply> AdmitCreate(ObjectKey key, CreateObject create, Policy policy)
    {
        var type = _catalog.Get(key);
        var obj = create.Object; // the store's own copy: defaulting may change it
        if (obj is Pod pod && policy.LimitRanges.Count > 0 && LimitRanger.Admit(pod, policy.LimitRanges) is { Count: > 0 } violations)
            return Forbidden(type, key, violations.Count == 1 ? violations[0] : $"[{string.Join(", ", violations)}]");

        var charged = false;
        for (var attempt = 0; ; attempt++)
        {
            var decision = QuotaRules.Check(_resources, obj, type, policy.Quotas);
            if (decision.Error is { } error) return Forbidden(type, key, error);
            if (await Charge(decision.Charges))
            {
                charged = decision.Charges.Count > 0;
                break;
            }

            // Someone else wrote a quota: recompute from what exists (which also undoes a partial charge) and check again.
            policy = await Refresh();
            if (attempt + 1 >= _settings.QuotaConflictRetries)
                return ObjectReply.Failed(StatusError.Conflict(type.GroupResource, key.Name, "the namespace's resource quotas kept changing; try again"));
        }

        var reply = await Forward(key, create);
        if (!reply.IsSuccess && charged) await Refresh();
        return reply;
    }

    /// <summary>Writes each charge's new status.used; false when a quota changed since it was read.</summary>
    private async Task<bool> Charge(IReadOnlyList<QuotaCharge> charges)
    {
        foreach (var charge in charges)
        {
            if (!await WriteUsed(charge.Quota, charge.Used)) return false;
        }

        return true;
    }

    private async Task HandleResync()
    {
        try
        {
            if (_policy is { Quotas.Count: > 0 } || _usageStale) await Refresh();
        }
        catch (Exception e) when (e is AskTimeoutException or TimeoutException or InvalidOperationException)
        {
            _policy = null; // read again on the next request
        }
    }

    /// <summary>Reads the policy and, when the namespace has quotas, recomputes their use and writes any that changed.</summary>
    private async Task<Policy> Refresh()
    {
        for (var attempt = 0; ; attempt++)
        {
            _policy = null;
            _usageStale = false;
            var quotas = (await List(_quotaType)).Cast<ResourceQuota>().ToList();
            var ranges = (await List(_limitRangeType)).Cast<LimitRange>().ToList();
            if (quotas.Count == 0) return _policy = new Policy([], ranges);

            var objects = new Dictionary<ResourceType, IReadOnlyList<IKubernetesObject>>();
            foreach (var kind in quotas.SelectMany(q => QuotaRules.CountedKinds(_resources, q)).Distinct())
                objects[kind] = await List(kind);

            var current = new List<ResourceQuota>();
            var conflicted = false;
            foreach (var quota in quotas)
            {
                var used = QuotaRules.Used(_resources, quota, objects);
                if (QuotaRules.StatusIsCurrent(quota, used)) current.Add(quota);
                else if (!await WriteUsed(quota, used, current)) conflicted = true;
            }

            if (!conflicted) return _policy = new Policy(current, ranges);
            if (attempt + 1 >= _settings.QuotaConflictRetries)
                throw new InvalidOperationException($"the resource quotas of namespace {_namespace} kept changing while their use was recomputed");
        }
    }

    private async Task<bool> WriteUsed(ResourceQuota quota, Dictionary<string, Model.Primitives.Quantity> used, List<ResourceQuota>? written = null)
    {
        var update = ObjectCodec.Copy(quota);
        update.Status = new ResourceQuotaStatus
        {
            Hard = new(quota.Spec.Hard ?? [], StringComparer.Ordinal),
            Used = used,
        };
        var reply = await Forward(ObjectKey.For(_quotaType, _namespace, quota.Metadata.Name!), new UpdateObjectStatus(update));
        if (reply.Error is { Reason: StatusError.ConflictReason or StatusError.NotFoundReason }) return false;
        if (!reply.IsSuccess) throw new InvalidOperationException($"resourcequotas \"{quota.Metadata.Name}\" status could not be written: {reply.Error!.Message}");
        var stored = (ResourceQuota)reply.Object!;
        written?.Add(stored);
        if (_policy is { } policy) _policy = policy with { Quotas = [.. policy.Quotas.Select(q => q.Metadata.Name == stored.Metadata.Name ? stored : q)] };
        return true;
    }

    private async Task<IReadOnlyList<IKubernetesObject>> List(ResourceType type)
    {
        var list = await _store.Ask<ObjectList>(new ListObjects(type.Group, type.Kind, _namespace), _requestTimeout);
        return list.IsSuccess ? list.Items : throw new InvalidOperationException($"{type.GroupResource} in {_namespace} could not be listed: {list.Error!.Message}");
    }

    private Task<ObjectReply> Forward(ObjectKey key, IObjectCommand command) =>
        _store.Ask<ObjectReply>(new AdmittedCommand(key, command), _requestTimeout);

    private static ObjectReply Forbidden(ResourceType type, ObjectKey key, string detail) =>
        ObjectReply.Failed(StatusError.Forbidden(type.GroupResource, key.Name, detail));

    /// <summary>The namespace's admission policy as last read.</summary>
    private sealed record Policy(IReadOnlyList<ResourceQuota> Quotas, IReadOnlyList<LimitRange> LimitRanges)
    {
        public bool IsEmpty => Quotas.Count == 0 && LimitRanges.Count == 0;
    }
}
