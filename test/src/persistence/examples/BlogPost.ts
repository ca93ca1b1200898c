import type { ActorRef } from '../../../../src/ActorRef.js';
import { DurableStateBehavior } from '../../../../src/persistence/DurableStateBehavior.js';
import { Effect } from '../../../../src/persistence/Effect.js';
import { PersistenceId } from '../../../../src/persistence/PersistenceId.js';
import { StatusReply } from '../../../../src/persistence/StatusReply.js';

/** The seed's blog post entity: blank → draft → published, as a small state machine. */
export interface PostContent {
  readonly postId: string;
  readonly title: string;
  readonly body: string;
}

export type BlogState =
  | { readonly status: 'blank' }
  | { readonly status: 'draft'; readonly content: PostContent }
  | { readonly status: 'published'; readonly content: PostContent };

export type BlogCommand =
  | { readonly type: 'AddPost'; readonly content: PostContent; readonly replyTo: ActorRef<StatusReply<{ readonly postId: string }>> }
  | { readonly type: 'GetPost'; readonly replyTo: ActorRef<PostContent> }
  | { readonly type: 'ChangeBody'; readonly body: string; readonly replyTo: ActorRef<StatusReply<StatusReply.Done>> }
  | { readonly type: 'Publish'; readonly replyTo: ActorRef<StatusReply<StatusReply.Done>> };

const BLANK: BlogState = { status: 'blank' };

function blank(command: BlogCommand): Effect<BlogState> {
  switch (command.type) {
    case 'AddPost':
      return Effect.persist<BlogState>({ status: 'draft', content: command.content }).thenReply(command.replyTo, () =>
        StatusReply.success({ postId: command.content.postId }),
      );
    case 'ChangeBody':
    case 'Publish':
      return Effect.reply(command.replyTo, StatusReply.error('the post has not been added yet'));
    case 'GetPost':
      return Effect.unhandled();
  }
}

function draft(content: PostContent, command: BlogCommand): Effect<BlogState> {
  switch (command.type) {
    case 'AddPost':
      return Effect.reply(command.replyTo, StatusReply.error(`post ${content.postId} already exists`));
    case 'ChangeBody':
      return Effect.persist<BlogState>({ status: 'draft', content: { ...content, body: command.body } }).thenReply(command.replyTo, () =>
        StatusReply.ack(),
      );
    case 'Publish':
      return Effect.persist<BlogState>({ status: 'published', content }).thenReply(command.replyTo, () => StatusReply.ack());
    case 'GetPost':
      return Effect.reply(command.replyTo, content);
  }
}

function published(content: PostContent, command: BlogCommand): Effect<BlogState> {
  switch (command.type) {
    case 'GetPost':
      return Effect.reply(command.replyTo, content);
    case 'AddPost':
      return Effect.reply(command.replyTo, StatusReply.error(`post ${content.postId} already exists`));
    case 'ChangeBody':
    case 'Publish':
      return Effect.reply(command.replyTo, StatusReply.error(`post ${content.postId} is already published`));
  }
}

/** The blog post entity for `postId`: the state decides which commands are valid. */
export function blogPost(postId: string) {
  return DurableStateBehavior.create<BlogCommand, BlogState>({
    persistenceId: PersistenceId.of('BlogPost', postId),
    emptyState: BLANK,
    commandHandler: (state, command) => {
      switch (state.status) {
        case 'blank':
          return blank(command);
        case 'draft':
          return draft(state.content, command);
        case 'published':
          return published(state.content, command);
      }
    },
  });
}
