/**
 * The GoAkt lifecycle, supervision, watch, stash, passivation and extension tests read for the
 * catalogue (a selection: remoting, cluster, grains, mailboxes, metrics and reliable delivery were
 * left out), with each verdict against the rules. Keys are full test names
 * (`TestX / subtest`) of spec/_internals/upstreamTests.json.
 *
 * @packageDocumentation
 */
import { covers, gap, na, type SuiteCoverage } from './CaseVerdict.js';

const goakt = (cases: Record<string, Record<string, SuiteCoverage['cases'][string]>>): SuiteCoverage[] =>
  Object.entries(cases).map(([suite, verdicts]) => ({ upstream: 'goakt', suite, cases: verdicts }));

/** Verdicts on the GoAkt test cases read, per test file. */
export const goaktCoverage: readonly SuiteCoverage[] = goakt({
  'actor/pid_test.go': {
    'TestMessageOrdering': covers(['LIF-02']),
    'TestPassivation / With actor shutdown failure': gap(8, 'PostStop fails, passivation still stops the actor (LIF-10 side)'),
    'TestPassivation / With Pause/Resume path': gap(8),
    'TestPassivation / With Long lived passivation': gap(8),
    'TestPassivation / With Messages Count-based passivation': gap(8),
    'TestPassivation / Message-count passivation honors pause': gap(8),
    'TestPassivation / With Time-based passivation': gap(8),
    'TestRestart / With restart a stopped actor': na('runtime-specific-api', 'manual PID.Restart of a dead actor'),
    'TestRestart / With restart an actor': covers(['LIF-05'], 'GoAkt differs, as the rule records'),
    'TestRestart / With restart an actor and its descendants': covers(['HOOK-07']),
    'TestRestart / With restart an actor and its suspended descendant': covers(['HOOK-07']),
    'TestRestart / With restart an actor and its descendant failure': na('runtime-specific-api', 'error propagation of manual restart'),
    'TestRestart / With restart subtree reattaches existing nodes': na('internal-api'),
    'TestRestart / With restart subtree ignores non-running descendants': na('internal-api'),
    'TestRestart / With restart an actor with PreStart failure': covers(['HOOK-02']),
    'TestRestart / noSender cannot be restarted': na('internal-api'),
    'TestRestart / With restart failed due to PostStop failure': covers(['LIF-10'], 'GoAkt differs, as the rule records'),
    'TestRestart / With restart an actor and its children failure': na('runtime-specific-api'),
    'TestRestart / With restart an actor with PostStart message': gap(20),
    'TestSupervisorStrategy / With stop as supervisor directive': covers(['HOOK-06', 'SUP-01']),
    'TestSupervisorStrategy / With resume + time-based passivation skips immediate stop after reinstate': gap(8),
    'TestSupervisorStrategy / With stop as supervisor directive with ONE_FOR_ALL': gap(14, 'recorded only as a HOOK-06 difference'),
    'TestSupervisorStrategy / With the default supervisor directives: generic panic': covers(['HOOK-06']),
    'TestSupervisorStrategy / With the default supervisor directives: panic with error': covers(['HOOK-06']),
    'TestSupervisorStrategy / With undefined directive suspends actor': na('api-misuse', 'out-of-range enum'),
    'TestSupervisorStrategy / With directive not found suspends actor': covers(['SUP-04'], 'GoAkt differs, as the rule records'),
    'TestSupervisorStrategy / With stop as supervisor directive with child actor shutdown failure': covers(['LIF-10'], 'GoAkt differs, as the rule records'),
    'TestSupervisorStrategy / With restart as supervisor strategy of a child actor': covers(['SUP-03', 'HOOK-06']),
    'TestSupervisorStrategy / With restart as supervisor strategy with ONE_FOR_ALL': gap(14),
    'TestSupervisorStrategy / With no strategy set will default to a Shutdown': covers(['SUP-01']),
    'TestSupervisorStrategy / With resume as supervisor strategy': covers(['SUP-02']),
    'TestSupervisorStrategy / With restart with limit as supervisor strategy': covers(['SUP-07']),
    'TestSupervisorStrategy / With suspended actor restarted': gap(17),
    'TestSupervisorStrategy / With any error directive': covers(['SUP-04']),
    'TestSupervisorStrategy / With escalation as supervisor strategy': covers(['HOOK-06', 'WATCH-08'], 'GoAkt differs, as the rule records'),
    'TestSupervisorStrategy / With reinstate': gap(17),
    'TestSupervisorStrategy / With restart as supervisor strategy and any error': covers(['SUP-03', 'SUP-04']),
    'TestSupervisorStrategy / With a supervisor strategy and any error without parent/child relationship': covers(['SUP-03']),
    'TestSupervisorStrategy / When No Parent found actor is suspended': na('internal-api'),
    'TestSupervisorStrategy / When Parent shuts down child supervision loop does not deadlock': na('internal-api', 'concurrency regression'),
    'TestPoisonPill': covers(['LIF-03', 'LIF-08'], 'GoAkt differs, as the rule records'),
    'TestFailedPreStart': covers(['HOOK-02']),
    'TestFailedPostStop': covers(['LIF-10'], 'GoAkt differs, as the rule records'),
    'TestShutdown / With Shutdown panic to child stop failure': covers(['LIF-04', 'LIF-10'], 'GoAkt differs, as the rule records'),
    'TestWatch': na('internal-api', 'asserts watcher registries only'),
    'TestSpawnChild / With failed init': covers(['HOOK-02']),
    'TestSpawnChild / With dependencies injected into the actor system': covers(['HOOK-08']),
    'TestPIDDoReceiveDuringShutdown / With user message rejected during shutdown': covers(['LIF-08']),
    'TestBackoffDelay': covers(['SUP-11']),
    'TestRecordFault': covers(['SUP-07']),
    'TestSupervisorRestartBudget': covers(['SUP-07'], 'GoAkt differs, as the rule records'),
    'TestSupervisorRestartBudgetOneForAll': gap(14),
    'TestSupervisorExponentialBackoffDelaysRestart': covers(['SUP-11']),
  },
  'actor/stash_test.go': {
    'TestStash / With happy path': covers(['STASH-02']),
    'TestStash / With stash failure': na('config', 'stash buffer not configured'),
    'TestStash / With unstash when stash not set': na('config'),
    'TestStash / With unstash when there is no stashed message': na('api-misuse'),
  },
  'actor/context_test.go': {
    'TestContextWithDependencies / Dependencies returns all injected dependencies': covers(['HOOK-08']),
    'TestContextWithDependencies / Dependency returns the matching dependency by ID': covers(['HOOK-08']),
    'TestContextWithDependencies / Dependency returns nil for an unknown ID': gap(22),
    'TestContextWithExtension / Extensions returns all registered extensions': covers(['HOOK-08']),
    'TestContextWithExtension / Extension returns the matching extension by ID': covers(['HOOK-08']),
    'TestContextWithExtension / Extension returns nil for an unknown ID': gap(22),
  },
  'actor/receive_context_test.go': {
    'TestReceiveContext / With Stop when child is already stopped': covers(['LIF-09']),
    'TestReceiveContext / With Unhandled with no sender': gap(3, 'GoAkt publishes a dead letter with reason ErrUnhandled'),
    'TestReceiveContext / With Unhandled with a sender': gap(3),
    'TestReceiveContext / With successful PipeTo': gap(6),
    'TestReceiveContext / With failed PipeTo: task returns an error': gap(6, 'failed task goes to dead letters'),
    'TestReceiveContext / With Watch/UnWatch': na('internal-api', 'asserts registries only'),
    'TestReceiveContext / With extensions': covers(['HOOK-08']),
    'TestReceiveContext / With dependency injection': covers(['HOOK-08']),
  },
  'actor/actor_system_test.go': {
    'TestActorSystem / With ReSpawn with PreStart failure': covers(['HOOK-02']),
    'TestActorSystem / With actor PostStop error': covers(['LIF-10'], 'GoAkt differs, as the rule records'),
    'TestActorSystem / With Extension': covers(['HOOK-08']),
    'TestActorSystem / With invalid Extension ID length': na('api-misuse', 'ID validation'),
    'TestActorSystem / With invalid Extension ID': na('api-misuse'),
  },
  'testkit/probe_test.go': {
    'TestTestProbe / Assert WatchNamed': covers(['WATCH-01']),
    'TestTestProbe / Assert Watch': covers(['WATCH-01']),
    'TestTestProbe / Assert ExpectTerminatedWithin': covers(['WATCH-01', 'LIF-08'], 'GoAkt differs, as the rule records'),
  },
});
