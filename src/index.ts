export { ManualClock, SystemClock } from './Clock.js';
export type { Clock, TimerHandle, TimerOptions } from './Clock.js';
export type { ActorRef } from './ActorRef.js';
export type { ActorContext, Cancellable, PipeOutcome } from './ActorContext.js';
export { ActorSystem } from './ActorSystem.js';
export type { ActorSystemOptions } from './ActorSystem.js';
export type { Actor } from './Actor.js';
export { Behavior } from './Behavior.js';
export { Behaviors, ReceiveBehavior, Supervise, SupervisedBehavior } from './Behaviors.js';
export type { ErrorClass, FromActorOptions, MessageHandler, SignalHandler } from './Behaviors.js';
export {
  SupervisorStrategy,
  StopStrategy,
  ResumeStrategy,
  RestartStrategy,
  BackoffStrategy,
  DEFAULT_RESTART_STASH_CAPACITY,
} from './SupervisorStrategy.js';
export { PostStop, PreRestart, Terminated, ChildFailed } from './Signal.js';
export type { Signal } from './Signal.js';
export type { StashBuffer } from './StashBuffer.js';
export type { TimerScheduler } from './TimerScheduler.js';
export type { Extension } from './Extension.js';
export type { Logger, LogLevel } from './Logger.js';
export type {
  EventStream,
  RuntimeEvent,
  DeadLetterEvent,
  DroppedEvent,
  DropReason,
  UnhandledMessageEvent,
  LogEvent,
} from './EventStream.js';
export { ask } from './ask.js';
export type { AskOptions } from './ask.js';
export * from './errors.js';
export * from './persistence/index.js';
