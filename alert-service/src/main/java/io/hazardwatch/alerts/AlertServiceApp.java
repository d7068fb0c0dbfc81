package io.hazardwatch.alerts;

import io.hazardwatch.alerts.attachments.AttachmentStore;
import io.hazardwatch.alerts.auth.ProductionUsers;
import io.hazardwatch.alerts.auth.Users;
import io.hazardwatch.alerts.board.AlarmStream;
import io.hazardwatch.alerts.board.BoardApi;
import io.hazardwatch.alerts.board.InfluxReadingHistory;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.casework.CaseworkFacts;
import io.hazardwatch.alerts.danger.DangerRegister;
import io.hazardwatch.alerts.danger.InspectionFindings;
import io.hazardwatch.alerts.danger.Dangers;
import io.hazardwatch.alerts.danger.HiddenDanger;
import io.hazardwatch.alerts.deadletter.DeadLetterFeed;
import io.hazardwatch.alerts.decision.IncidentPolicy;
import io.hazardwatch.alerts.enterprise.EnterpriseDirectory;
import io.hazardwatch.alerts.enterprise.EnterprisePage;
import io.hazardwatch.alerts.enterprise.EnterpriseSection;
import io.hazardwatch.alerts.enterprise.IncidentsSection;
import io.hazardwatch.alerts.enterprise.ProfileSection;
import io.hazardwatch.alerts.enterprise.SensorsSection;
import io.hazardwatch.alerts.escalation.EscalationPlanner;
import io.hazardwatch.alerts.http.ActiveAlarmApi;
import io.hazardwatch.alerts.http.ApiRouter;
import io.hazardwatch.alerts.acklink.AckLinks;
import io.hazardwatch.alerts.http.AckLinkApi;
import io.hazardwatch.alerts.outbox.NotificationText;
import io.hazardwatch.alerts.outbox.text.Language;
import io.hazardwatch.alerts.outbox.text.Names;
import io.hazardwatch.alerts.http.DangerApi;
import io.hazardwatch.alerts.duty.Duty;
import io.hazardwatch.alerts.duty.IncidentAudit;
import io.hazardwatch.alerts.http.DutyApi;
import io.hazardwatch.alerts.grading.EnterpriseProfile;
import io.hazardwatch.alerts.grading.Grading;
import io.hazardwatch.alerts.grading.KeptWriter;
import io.hazardwatch.alerts.http.DeadLetterApi;
import io.hazardwatch.alerts.http.EnterpriseApi;
import io.hazardwatch.alerts.http.FeedbackApi;
import io.hazardwatch.alerts.http.GradingApi;
import io.hazardwatch.alerts.http.HealthApi;
import io.hazardwatch.alerts.http.IncidentApi;
import io.hazardwatch.alerts.http.MonitoringApi;
import io.hazardwatch.alerts.http.InspectionApi;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.inspection.FindingSink;
import io.hazardwatch.alerts.inspection.Inspections;
import io.hazardwatch.alerts.inspection.Standing;
import io.hazardwatch.alerts.inspection.TaskPlanner;
import io.hazardwatch.alerts.kafka.AlarmEventConsumer;
import io.hazardwatch.alerts.kafka.HeartbeatConsumer;
import io.hazardwatch.alerts.outbox.OutboxSender;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.policy.GridRole;
import io.hazardwatch.alerts.policy.Rota;
import io.hazardwatch.alerts.risk.EnterpriseRisk;
import io.hazardwatch.alerts.store.CommitTracker;
import io.hazardwatch.alerts.store.GroupCommit;
import io.hazardwatch.alerts.store.IncidentStore;
import io.hazardwatch.alerts.store.KafkaIncidentStore;
import io.hazardwatch.alerts.store.StoreHealth;
import io.hazardwatch.alerts.suppress.Silences;
import io.hazardwatch.alerts.watchdog.HeartbeatSource;
import io.hazardwatch.alerts.watchdog.SilentEnterprises;
import io.hazardwatch.alerts.watchdog.StageHealth;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import io.hazardwatch.alerts.watchdog.Watchdog;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryException;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.config.Notifiers;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.dispatch.DispatchClient;
import io.hazardwatch.notify.http.GenericHttpNotifier;
import io.hazardwatch.notify.http.HttpTemplate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Composition root of the alert service: builds the object graph with plain {@code new} and deploys it. */
public final class AlertServiceApp {

    /** The JSON body of the generic webhook channels ({@code alert.notify.channels}). */
    static final String WEBHOOK_BODY = """
            {"id":"${id}","incidentKey":"${incidentKey}","level":"${level}","subject":"${subject}",\
            "body":"${body}","recipient":{"name":"${recipient.name}","channel":"${recipient.channel}",\
            "address":"${recipient.address}"}}""";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertServiceApp.class);
    /** How often the incident store is written again while it is away. */
    private static final Duration STORE_RETRY = Duration.ofSeconds(1);
    /** How often the inspection tasks are checked: the schedule, alarm follow-ups, calibrations, overdue ones. */
    private static final Duration INSPECTION_CHECK = Duration.ofSeconds(5);
    /** Hidden dangers are checked for overdue and the alarm pattern every this many ticks (5 s at the default 1 s). */
    private static final int DANGER_CHECK_TICKS = 5;

    private final Vertx vertx;
    private final AlertVerticle verticle;
    private final String deploymentId;

    private AlertServiceApp(Vertx vertx, AlertVerticle verticle, String deploymentId) {
        this.vertx = vertx;
        this.verticle = verticle;
        this.deploymentId = deploymentId;
    }

    /**
     * Starts the service on Kafka: incidents from the state topic, alarms from the alarms topic, messages
     * through the configured providers ({@code notify.*}: SMS, IM robots, push, generic webhook, dispatch) and
     * webhook channels ({@code alert.notify.channels}). Completes once the API is served (and, if Kafka
     * answers, the incidents are loaded). Fails with a {@link ConfigException} if a config file is unusable.
     */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config) {
        return start(vertx, config, Clock.systemUTC());
    }

    /** As {@link #start(Vertx, AlertServiceConfig)}, on another clock (tests of retention). */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config, Clock clock) {
        return start(vertx, config, clock, NO_OPERATIONS);
    }

    /**
     * As {@link #start(Vertx, AlertServiceConfig)}, with {@code operations} mounting routes of their own beside
     * {@code /health}, without login (issue 18: an active instance's {@code /ready} and {@code /metrics}).
     */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config,
                                                java.util.function.Consumer<io.vertx.ext.web.Router> operations) {
        return start(vertx, config, Clock.systemUTC(), operations);
    }

    /**
     * As {@link #start(Vertx, AlertServiceConfig, java.util.function.Consumer)} on {@code vertx}, the Vert.x the
     * {@code preload} was begun on (issue 18: a standby that had the silent active dropped opens the store while the
     * group hands it the role).
     */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config,
                                                java.util.function.Consumer<io.vertx.ext.web.Router> operations,
                                                Preload preload) {
        return start(vertx, config, Clock.systemUTC(), operations, preload);
    }

    /**
     * A start begun ahead: the incident store on Kafka with its load begun — its producer's initTransactions fences the
     * instance that held the store (and ends that one's open transaction), its state is read beside that — and the
     * files (registry, users, policy) being read. Nothing is served, consumed or sent.
     */
    public static final class Preload {
        private final IncidentStore store;
        private final Future<IncidentStore.Snapshot> loading;
        private final Future<Files> files;

        private Preload(IncidentStore store, Future<IncidentStore.Snapshot> loading, Future<Files> files) {
            this.store = store;
            this.loading = loading;
            this.files = files;
        }

        public static Preload begin(Vertx vertx, AlertServiceConfig config) {
            IncidentStore store = kafkaStore(vertx, config);
            return new Preload(store, store.load(), vertx.executeBlocking(() -> Files.load(config)));
        }

        /** Closes the store, for a preload that is not used (its loading may still run: it then fails). */
        public Future<Void> discard() {
            return store.close();
        }
    }

    private static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config, Clock clock,
                                                 java.util.function.Consumer<io.vertx.ext.web.Router> operations) {
        return start(vertx, config, clock, operations, null);
    }

    private static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config, Clock clock,
                                                 java.util.function.Consumer<io.vertx.ext.web.Router> operations,
                                                 Preload preload) {
        Outgoing outgoing;
        try {
            outgoing = outgoing(vertx, config, clock);
        } catch (ConfigException e) {
            return preload == null ? Future.failedFuture(e) : preload.discard().transform(v -> Future.failedFuture(e));
        }
        outgoing.describe(config);
        IncidentStore store = preload == null ? kafkaStore(vertx, config) : preload.store;
        return start(vertx, config, kafkaEdges(vertx, config, store, outgoing, operations, clock), clock,
                preload == null ? null : preload.loading, preload == null ? null : preload.files);
    }

    private static IncidentStore kafkaStore(Vertx vertx, AlertServiceConfig config) {
        return new KafkaIncidentStore(vertx, config.kafkaBootstrap(), config.incidentStateTopic(),
                config.incidentEventTopic(), config.alarmsTopic(), config.kafkaAuth());
    }

    /** The edges on Kafka; made, not started: no constructor here connects to anything. */
    private static Edges kafkaEdges(Vertx vertx, AlertServiceConfig config, IncidentStore store, Outgoing outgoing,
                                    java.util.function.Consumer<io.vertx.ext.web.Router> operations, Clock clock) {
        return new Edges(new AlarmEventConsumer(config.kafkaBootstrap(), config.alarmsTopic(), config.kafkaAuth()),
                store, outgoing.notifiers(), outgoing.dispatch(),
                new HeartbeatConsumer(config.kafkaBootstrap(), config.watchdog().heartbeatsTopic(), config.kafkaAuth(),
                        List.of(config.watchdog().heartbeatsTopic(), config.alarmsTopic(), config.incidentStateTopic(),
                                config.incidentEventTopic())),
                new DeadLetterFeed(config.kafkaBootstrap(), config.deadLetterTopic(), clock, config.kafkaAuth()), null,
                operations);
    }

    private static final java.util.function.Consumer<io.vertx.ext.web.Router> NO_OPERATIONS = router -> { };

    /** Starts the service on other edges (tests: a scripted alarm source, an in-memory store, local providers). */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config, AlarmSource source,
                                                IncidentStore store, Map<String, Notifier> notifiers, Clock clock) {
        return start(vertx, config, source, store, notifiers, null, clock);
    }

    /** Starts the service on other edges, with an emergency dispatch client (null: none configured); no watchdog. */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config, AlarmSource source,
                                                IncidentStore store, Map<String, Notifier> notifiers,
                                                DispatchClient dispatch, Clock clock) {
        return start(vertx, config, source, store, notifiers, dispatch, null, null, clock);
    }

    /** Starts the service on other edges with the watchdog reading {@code heartbeats}, without dead-letter counts. */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config, AlarmSource source,
                                                IncidentStore store, Map<String, Notifier> notifiers,
                                                DispatchClient dispatch, HeartbeatSource heartbeats, Clock clock) {
        return start(vertx, config, source, store, notifiers, dispatch, heartbeats, null, clock);
    }

    /**
     * Starts the service on other edges, with the watchdog reading {@code heartbeats} (null: no watchdog, e.g. a
     * test with a scripted alarm source; the board then shows no stages) and the board counting the dead letters of
     * {@code deadLetters} (null: none).
     */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config, AlarmSource source,
                                                IncidentStore store, Map<String, Notifier> notifiers,
                                                DispatchClient dispatch, HeartbeatSource heartbeats,
                                                DeadLetterFeed deadLetters, Clock clock) {
        return start(vertx, config, source, store, notifiers, dispatch, heartbeats, deadLetters, null, clock);
    }

    /** As above, with the inspections' findings going to {@code findings} (null: the hidden-danger register). */
    public static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config, AlarmSource source,
                                                IncidentStore store, Map<String, Notifier> notifiers,
                                                DispatchClient dispatch, HeartbeatSource heartbeats,
                                                DeadLetterFeed deadLetters, FindingSink findings, Clock clock) {
        return start(vertx, config, new Edges(source, store, notifiers, dispatch, heartbeats, deadLetters, findings,
                NO_OPERATIONS), clock, null, null);
    }

    /**
     * @param begun      the store's load, begun before (a {@link Preload}); null: begin it here
     * @param filesBegun the files' reading, begun before; null: read them here
     */
    private static Future<AlertServiceApp> start(Vertx vertx, AlertServiceConfig config, Edges edges, Clock clock,
                                                 Future<IncidentStore.Snapshot> begun, Future<Files> filesBegun) {
        // the store's load begins at once, beside the build (issue 18: a takeover's two longest steps, side by side);
        // its initTransactions fences a zombie active as early as it can
        Future<IncidentStore.Snapshot> loading = begun != null ? begun : edges.store().load();
        // the files (the registry read once, for everyone) and the chart library's version: read off the event loop
        Future<Files> reading = filesBegun != null ? filesBegun : vertx.executeBlocking(() -> Files.load(config));
        return reading.compose(files -> vertx.executeBlocking(
                        () -> boardApi(vertx, config, files))
                .compose(board -> {
                    AlertVerticle verticle = build(vertx, config, files, board, edges, clock).loadingAlready(loading);
                    return vertx.deployVerticle(verticle).map(id -> new AlertServiceApp(vertx, verticle, id));
                })).recover(e -> edges.store().close().transform(closed -> Future.failedFuture(e)));
    }

    /** The board's API on the registry, its reading history from InfluxDB (made here, asked only when a page asks). */
    private static BoardApi boardApi(Vertx vertx, AlertServiceConfig config, Files files) {
        return new BoardApi(files.registry(), new InfluxReadingHistory(WebClient.create(vertx), config.influxUrl(),
                config.influxDatabase(), config.reports().historyLogin()));
    }

    /** The outside world the service talks to (see the {@code start} overloads for what null means). */
    private record Edges(AlarmSource source, IncidentStore store, Map<String, Notifier> notifiers,
                         DispatchClient dispatch, HeartbeatSource heartbeats, DeadLetterFeed deadLetters,
                         FindingSink findings, java.util.function.Consumer<io.vertx.ext.web.Router> operations) {
    }

    /** The object graph: the incident core, the engine that coordinates it, the watchdog, the API. */
    private static AlertVerticle build(Vertx vertx, AlertServiceConfig config, Files files, BoardApi board,
                                       Edges edges, Clock clock) {
        AlertingPolicy policy = files.policy();
        io.hazardwatch.alerts.policy.ParkTime.warnIfLogsElsewhere(policy.timezone());
        // the platform's own system incidents go to the on-call of the watchdog's grid cell (* = every cell)
        Function<String, Optional<String>> gridCellOf = enterprise -> SystemAlarms.isPlatform(enterprise)
                ? Optional.of(config.watchdog().gridCell()) : files.registry().gridCellOf(enterprise);
        StageHealth health = new StageHealth(config.watchdog(), clock.instant());
        IncidentBook book = new IncidentBook(gridCellOf);
        IncidentPolicy decisions = new IncidentPolicy(policy,
                new EscalationPlanner(policy.escalation(), new Rota(policy)));
        // the store's health is judged on real time, whatever clock the incidents run on (tests move that one by days)
        CommitTracker commits = new CommitTracker(vertx, committed -> new GroupCommit(vertx, edges.store(),
                STORE_RETRY, config.limits().storeFailingAfter(), Clock.systemUTC(), committed));
        Silences silences = new Silences();
        // issue 21: messages in each person's language with the registry's names, and their signed acknowledge links
        AckLinks ackLinks = AckLinks.start(config.ackLinks(), config.feedback().publicUrl(), clock);
        Names names = Names.of(files.registry());
        Map<String, Language> languages = NotificationText.languagesOf(policy);
        // CAP times in the park's time zone (the policy's, its one author; issue 21)
        OutboxRelay outbox = new OutboxRelay(vertx, book, decisions, commits, new OutboxSender(vertx, edges.notifiers(),
                edges.dispatch() == null ? null : edges.dispatch().inZone(policy.timezone()), config.notifyTimeout(),
                outcome -> health.sendOutcome(outcome.accepted(), outcome.error(), clock.instant()),
                new NotificationText(names, policy.timezone(), languages, ackLinks, config.feedback().publicUrl())), clock);
        Grading grading = new Grading(policy.grading(), EnterpriseProfile.of(files.registry()), policy.timezone(),
                keptWriter(commits), clock);
        EnterpriseRisk risk = new EnterpriseRisk(grading, enterpriseCells(files.registry()));
        IncidentEngine engine = new IncidentEngine(book, decisions, silences, commits, risk, outbox,
                new RetentionSweep(book, silences, commits, outbox, config.retention()), clock);
        engine.whenResumed(grading::resume);
        engine.addListener(grading.tallies());
        SilentEnterprises silentEnterprises = new SilentEnterprises(sensorsByDevice(files.registry()));
        // a store that does not commit holds back every decided message: the notifications stage is degraded
        Watchdog watchdog = new Watchdog(vertx, engine, health, silentEnterprises, edges.heartbeats(),
                edges.source()::state, () -> {
                    StoreHealth storeHealth = engine.storeHealth();
                    return storeHealth.state() == StoreHealth.State.FAILING || storeHealth.state() == StoreHealth.State.FAILED
                            ? "incident store " + storeHealth.describe() + ": decided messages wait until it commits"
                            : null;
                }, clock, config.tick());
        // a stored change of a hidden danger re-grades its enterprise at once (the grade counts open and overdue ones)
        DangerRegister dangers = new DangerRegister(new Dangers(), kept -> commits.within(commits.keep(kept),
                config.limits().commandWait()).onSuccess(v -> kept.forEach(k ->
                        engine.regrade(k.as(HiddenDanger.class).enterprise()))), engine::onSystemAlarm, book::all,
                enterprise -> files.registry().gridCellOf(enterprise).orElse(null), policy.patterns().dangers(), policy.timezone(),
                clock);
        engine.whenResumed(snapshot -> {
            dangers.resume(snapshot.kept(HiddenDanger.KIND, HiddenDanger.class));
            dangers.startChecking(vertx, config.tick().multipliedBy(DANGER_CHECK_TICKS));
        });
        // inspection tasks (issue 20): scheduled by the enterprise's standing on the grading's lists
        Inspections inspections = new Inspections(new Inspections.Context(engine, commits,
                enterpriseCells(files.registry()), cell -> gridMemberOf(policy, cell), edges.findings() != null ? edges.findings() : new InspectionFindings(dangers),
                config.limits().commandWait(), policy.timezone(), clock),
                new TaskPlanner(policy.inspections(), policy.patterns().falseAlarms(), new Standing() {
                    @Override
                    public boolean priority(String enterprise) {
                        return grading.listings().onPriorityList(enterprise);
                    }

                    @Override
                    public boolean watch(String enterprise) {
                        return grading.listings().onWatchList(enterprise);
                    }
                }));
        grading.useCaseFacts(new CaseworkFacts(dangers::all, inspections::all, clock::instant, policy.timezone()));
        engine.whenResumed(snapshot -> {
            inspections.resume(snapshot);
            vertx.setPeriodic(INSPECTION_CHECK.toMillis(), id -> inspections.check());
        });
        AlarmStream stream = new AlarmStream();
        IncidentCommands commands = new IncidentCommands(engine, book, silences, commits, config.limits(), clock);
        io.hazardwatch.alerts.commitment.CommitmentBook commitmentBook = io.hazardwatch.alerts.commitment.Commitments
                .wire(vertx, config, policy.timezone(), files.registry(), engine, commits, stream, clock);
        // issue 16: board logins survive a restart (signed cookies) and password guessing is throttled
        io.hazardwatch.logins.LoginThrottle throttle = config.boardLogin().throttle().throttle(System::nanoTime);
        vertx.setPeriodic(60_000, id -> throttle.purge());
        BasicAuth auth = new BasicAuth(vertx, files.users(), io.hazardwatch.alerts.web.Sessions.start(
                config.boardLogin().sessionSecret(), io.hazardwatch.alerts.config.BoardLoginConfig.SESSION_SECRET,
                config.feedback().sessionIdle(), clock), throttle);
        // issue 21, shifts: roster, hand-overs, duty log; the policy, roster and users files reloaded without a restart
        Duty.Wired duty = Duty.wire(vertx, config, policy, files.users(), decisions, auth, engine, commits,
                edges.store() instanceof KafkaIncidentStore ? new io.hazardwatch.alerts.kafka.KafkaIncidentAudit(vertx,
                        config.kafkaBootstrap(), config.incidentEventTopic(), config.kafkaAuth()) : IncidentAudit.NONE,
                new Duty.Casework(dangers::all, inspections::all, commitmentBook), clock);
        ApiRouter api = new ApiRouter(new HealthApi(edges.source()::state, engine::storeHealth)
                .withConfigFiles(duty.files()::versions),
                auth, new ActiveAlarmApi(book, stream), new IncidentApi(engine, commands))
                .withOperations(edges.operations())
                .withFeedback(new FeedbackApi(vertx, engine, commands, new AttachmentStore(config.feedback().attachmentsDir()),
                        config.feedback().attachmentMaxBytes(), config.feedback().attachmentsPerIncident())
                        .inZone(policy.timezone()))
                .withPublicUrl(config.feedback().publicUrl())
                .withBoard(board)
                .withMonitoring(new MonitoringApi(watchdog::view))
                .withDeadLetters(edges.deadLetters() == null ? null : new DeadLetterApi(edges.deadLetters(), engine))
                .withInspections(new InspectionApi(inspections, engine::ready))
                // issue 20, daily safety commitment
                .withCommitments(new io.hazardwatch.alerts.http.CommitmentApi(commitmentBook, engine::ready, clock))
                .withEnterprises(enterpriseApi(vertx, files.registry(), board, engine))
                .withDangers(new DangerApi(dangers, engine::ready, policy.dangers(), policy.timezone()))
                .withGrading(new GradingApi(risk))
                .withDuty(new DutyApi(duty.book(), duty.log(), engine::ready))
                // issue 21 (voice): delivery receipts
                .withReceipts(new io.hazardwatch.alerts.http.ReceiptApi(new io.hazardwatch.alerts.receipt.DeliveryReceipts(
                        book, commands), config.notifiers().receipts(), config.feedback().publicUrl(), engine::ready, clock))
                .withAckLinks(new AckLinkApi(engine, commands, ackLinks, languages, names, policy.timezone(),
                        config.ackLinks().perMinute()))
                // issue 21, duty reports and incidents in InfluxDB
                .withReports(io.hazardwatch.alerts.report.Reports.wire(vertx, config, policy.timezone(), engine, commits,
                        new io.hazardwatch.alerts.report.ReportBook.Sources(book::all, dangers::all, inspections::all), clock))
                // issue 21 (ops): dispatch's signed callback (when dispatch is configured), messages, settings
                .withOps(config.notifiers().dispatch() == null ? null : new io.hazardwatch.alerts.http.DispatchCallbackApi(
                                engine, commands, config.notifiers().dispatch().secret(),
                                config.notifiers().dispatch().replayWindow(), clock),
                        new io.hazardwatch.alerts.http.OpsApi(engine, policy.timezone(), new NotificationText(names,
                                policy.timezone(), languages, null, config.feedback().publicUrl()), clock));
        return new AlertVerticle(config, engine, stream, edges.source(), edges.store(), watchdog,
                edges.deadLetters(), api.router(vertx));
    }

    /**
     * The enterprise page (issue 20): its sections in the page's order; each part of the service adds its own
     * section here, one line each.
     */
    private static EnterpriseApi enterpriseApi(Vertx vertx, Registry registry, BoardApi board, IncidentEngine engine) {
        EnterpriseDirectory directory = new EnterpriseDirectory(registry);
        List<EnterpriseSection> sections = List.of(
                new ProfileSection(registry, directory),
                new SensorsSection(registry, board.readings(), engine),
                new IncidentsSection(engine));
        return new EnterpriseApi(directory, new EnterprisePage(vertx, sections, EnterprisePage.DEFAULT_WAIT));
    }

    /** The grading's records go into the incident store beside the incidents; a refused one is logged. */
    private static KeptWriter keptWriter(CommitTracker commits) {
        return new KeptWriter() {
            @Override
            public void keep(List<io.hazardwatch.alerts.store.Kept> records) {
                commits.keep(records).onFailure(e -> LOG.error("grading records {} not stored: {}",
                        records.stream().map(io.hazardwatch.alerts.store.Kept::key).toList(), e.toString()));
            }

            @Override
            public void delete(List<String> keys) {
                commits.delete(List.of(), keys);
            }
        };
    }

    /** The grid cell of each enterprise of the registry (for its risk state). */
    private static Map<String, String> enterpriseCells(Registry registry) {
        Map<String, String> cells = new HashMap<>();
        registry.sensors().forEach(sensor -> cells.put(sensor.key().enterprise(), sensor.gridCell()));
        return cells;
    }

    /** The first grid member on the rota of {@code cell} (the default assignee of its tasks), or null. */
    private static String gridMemberOf(AlertingPolicy policy, String cell) {
        return policy.rotas().stream().filter(r -> r.role() == GridRole.GRID_MEMBER && r.cells().contains(cell))
                .flatMap(r -> r.shifts().stream()).map(AlertingPolicy.Shift::person).findFirst().orElse(null);
    }

    /** The sensors of each device of each enterprise (for the watchdog's silent enterprises). */
    private static Map<String, Map<String, Set<String>>> sensorsByDevice(Registry registry) {
        Map<String, Map<String, Set<String>>> sensors = new HashMap<>();
        for (SensorSpec sensor : registry.sensors()) {
            sensors.computeIfAbsent(sensor.key().enterprise(), e -> new HashMap<>())
                    .computeIfAbsent(sensor.key().device(), d -> new HashSet<>()).add(sensor.key().sensor());
        }
        return sensors;
    }

    /** Completes once the stored incidents are loaded and alarms are being read (the service is fully up). */
    public Future<Void> loaded() {
        return verticle.loaded();
    }

    /**
     * Every route served with a path, as {@code "<METHOD> <path>"} with path parameters written {@code {name}} as in
     * the OpenAPI document ({@code "* <path>"} for a route of any method), in mounting order.
     */
    public java.util.List<String> routes() {
        return verticle.routes();
    }

    /** The engine (tests that add a listener of their own). */
    IncidentEngine engine() {
        return verticle.engine();
    }

    /** Whether the incident store commits, read on the engine's context (issue 18: an active fenced off it steps down). */
    public Future<io.hazardwatch.alerts.store.StoreHealth> storeHealth() {
        return verticle.storeHealth();
    }

    /** The port the API is actually served on. */
    public int httpPort() {
        return verticle.httpPort();
    }

    public Future<Void> stop() {
        return vertx.undeploy(deploymentId);
    }

    private record Files(Registry registry, Users users, AlertingPolicy policy) {
        static Files load(AlertServiceConfig config) {
            Registry registry;
            try {
                registry = Registry.load(config.registryFile());
            } catch (RegistryException e) {
                throw new ConfigException(AlertServiceConfig.REGISTRY_FILE + ": " + e.getMessage());
            }
            return new Files(registry, ProductionUsers.load(config, config.usersFile()),
                    AlertingPolicy.load(config.policyFile(), AlertServiceConfig.POLICY_FILE));
        }
    }

    /** The notifiers by channel and the dispatch client (or null), as configured. */
    record Outgoing(Map<String, Notifier> notifiers, DispatchClient dispatch) {

        /** One log line: the channels, the SMS providers' order, whether dispatch is configured. */
        void describe(AlertServiceConfig config) {
            List<String> sms = config.notifiers().smsProviders();
            LOG.info("notification channels: {}{}; emergency dispatch: {}", new java.util.TreeSet<>(notifiers.keySet()),
                    sms.size() > 1 ? "; SMS through " + String.join(", then ", sms) : "",
                    dispatch != null ? "configured" : "not configured");
        }
    }

    /**
     * The providers of the notifications module ({@code notify.*}) plus the generic webhook channels
     * ({@code alert.notify.channels}); a channel configured both ways is a config error.
     */
    static Outgoing outgoing(Vertx vertx, AlertServiceConfig config, Clock clock) {
        return outgoing(WebClient.create(vertx), config, clock);
    }

    /** As {@link #outgoing(Vertx, AlertServiceConfig, Clock)}, every provider sending through {@code client}. */
    static Outgoing outgoing(WebClient client, AlertServiceConfig config, Clock clock) {
        Map<String, Notifier> notifiers = new HashMap<>(Notifiers.create(config.notifiers(), client, clock));
        DispatchClient dispatch = Notifiers.dispatch(config.notifiers(), client, clock);
        Map<String, Notifier> webhooks = webhookNotifiers(client, config);
        for (Map.Entry<String, Notifier> webhook : webhooks.entrySet()) {
            String channel = webhook.getKey();
            // a webhook channel is a real provider: it takes the channel from the local outbox (notify.local.channels)
            if ((notifiers.containsKey(channel) && !(notifiers.get(channel) instanceof io.hazardwatch.notify.local.LocalNotifier))
                    || (dispatch != null && channel.equals(EscalationPlanner.DISPATCH_CHANNEL))) {
                throw new ConfigException(AlertServiceConfig.NOTIFY_CHANNELS + ": channel '" + channel
                        + "' is also served by a notify.* provider; configure it one way only");
            }
            notifiers.put(channel, webhook.getValue());
        }
        return new Outgoing(Map.copyOf(notifiers), dispatch);
    }

    private static Map<String, Notifier> webhookNotifiers(WebClient client, AlertServiceConfig config) {
        Map<String, Notifier> notifiers = new HashMap<>();
        config.httpChannels().forEach((channel, settings) -> {
            HttpTemplate template = HttpTemplate.jsonPost(channel, settings.url(), WEBHOOK_BODY)
                    .withTimeout(config.notifyTimeout());
            if (settings.secret() != null) {
                template = template.withSigning(new HttpTemplate.Signing(Secret.of(settings.secret()),
                        "X-HazardWatch-Signature", "X-HazardWatch-Timestamp"));
            }
            notifiers.put(channel, new GenericHttpNotifier(template, client, Clock.systemUTC()));
        });
        return notifiers;
    }
}
