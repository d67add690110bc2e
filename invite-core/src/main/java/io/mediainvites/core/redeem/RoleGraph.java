package io.mediainvites.core.redeem;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Roles as a graph: an account is granted some roles (directly or through groups), and a composite role
 * includes others. {@link #reaches} answers "does the account hold a role like this, in any way?" with one
 * walk over the roles it holds, each visited once, so that a question about many target roles (all roles of
 * {@code realm-management}, R10) costs one walk instead of one walk per target. Cycles are allowed.
 */
public final class RoleGraph {

    private RoleGraph() {
    }

    /**
     * Whether any role reachable from {@code granted} (the roles themselves and everything their composites
     * include) is a {@code target}. The granted roles are read lazily and the walk stops at the first hit, so
     * a stream that reads more data late (group roles after direct ones) is only read as far as needed.
     *
     * @param granted  roles given to the account
     * @param includes the roles a role includes directly (empty for a plain role)
     * @param id       a role's identity, used to visit each role once
     * @param target   the roles looked for
     */
    public static <R> boolean reaches(Stream<R> granted, Function<R, Stream<R>> includes, Function<R, String> id,
            Predicate<R> target) {
        Set<String> seen = new HashSet<>();
        Deque<R> pending = new ArrayDeque<>();
        Iterator<R> roots = granted.iterator();
        while (roots.hasNext() || !pending.isEmpty()) {
            R role = pending.isEmpty() ? roots.next() : pending.pop();
            if (!seen.add(id.apply(role))) {
                continue;
            }
            if (target.test(role)) {
                return true;
            }
            includes.apply(role).forEach(pending::push);
        }
        return false;
    }
}
