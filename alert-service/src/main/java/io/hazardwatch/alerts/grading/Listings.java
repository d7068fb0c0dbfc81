package io.hazardwatch.alerts.grading;

import io.hazardwatch.alerts.store.Kept;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch list and the priority inspection list: every enterprise's {@link Listing}, changed only by a new
 * grade (an enterprise stays on a list while its score stays over the line) and stored on each change, so the
 * lists survive a restart. Runs on the engine's context.
 */
public final class Listings {

    private static final Logger LOG = LoggerFactory.getLogger(Listings.class);

    private final GradingPolicy policy;
    private final KeptWriter writer;
    private final Map<String, Listing> byEnterprise = new TreeMap<>();

    public Listings(GradingPolicy policy, KeptWriter writer) {
        this.policy = policy;
        this.writer = writer;
    }

    /** Puts back the stored listings after a start. */
    public void resume(List<Listing> stored) {
        stored.forEach(l -> byEnterprise.put(l.enterprise(), l));
    }

    /** Enters or leaves the lists by {@code grade}; the new listing if it changed (it is then being stored). */
    public Optional<Listing> update(EnterpriseGrade grade) {
        Listing before = of(grade.enterprise());
        Listing after = before.after(grade, policy);
        if (after == before) {
            return Optional.empty();
        }
        byEnterprise.put(grade.enterprise(), after);
        after.history().stream().skip(Math.max(0, after.history().size() - 2))
                .filter(m -> m.at().equals(grade.gradedAt()))
                .forEach(m -> LOG.info("enterprise {} {} the {} list: {}", grade.enterprise(),
                        m.entered() ? "entered" : "left", m.list() == Listing.Name.WATCH ? "watch" : "priority inspection",
                        m.reason()));
        writer.keep(List.of(new Kept(Listing.KIND, grade.enterprise(), after)));
        return Optional.of(after);
    }

    public Listing of(String enterprise) {
        return byEnterprise.getOrDefault(enterprise, Listing.none(enterprise));
    }

    /** On the priority inspection list (优先检查名单) now. */
    public boolean onPriorityList(String enterprise) {
        return of(enterprise).priority() != null;
    }

    /** On the watch list (观察企业名单) now. */
    public boolean onWatchList(String enterprise) {
        return of(enterprise).watch() != null;
    }

    public Collection<Listing> all() {
        return byEnterprise.values();
    }
}
