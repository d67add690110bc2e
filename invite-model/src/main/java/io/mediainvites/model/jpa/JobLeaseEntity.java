package io.mediainvites.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The lease of one scheduled job of ours ({@code io.mediainvites.model.jobs.ClusterJobs}): when it may run next,
 * how often it ran and on which node last. Claimed only by a conditional bulk update, so of all nodes whose timer
 * fires, exactly one runs the job per interval.
 */
@Entity
@Table(name = "MI_JOB_LEASE")
@NamedQueries({
    @NamedQuery(name = "mi.job.claim",
            query = "update JobLeaseEntity j set j.nextRunAt = :next, j.runCount = j.runCount + 1,"
                    + " j.lastRunAt = :now, j.lastNode = :node where j.name = :name and j.nextRunAt <= :now")
})
public class JobLeaseEntity {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    /** Epoch milliseconds before which no node runs the job. */
    @Column(name = "NEXT_RUN_AT", nullable = false)
    private long nextRunAt;

    @Column(name = "RUN_COUNT", nullable = false)
    private long runCount;

    @Column(name = "LAST_RUN_AT")
    private Long lastRunAt;

    @Column(name = "LAST_NODE", length = 255)
    private String lastNode;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public long getNextRunAt() { return nextRunAt; }
    public void setNextRunAt(long nextRunAt) { this.nextRunAt = nextRunAt; }
    public long getRunCount() { return runCount; }
    public void setRunCount(long runCount) { this.runCount = runCount; }
    public Long getLastRunAt() { return lastRunAt; }
    public void setLastRunAt(Long lastRunAt) { this.lastRunAt = lastRunAt; }
    public String getLastNode() { return lastNode; }
    public void setLastNode(String lastNode) { this.lastNode = lastNode; }
}
