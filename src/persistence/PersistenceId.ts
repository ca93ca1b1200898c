/**
 * The stable identifier of a durable-state entity in the store. Build it from an entity type
 * hint and an entity id ({@link PersistenceId.of}) so that two entity types sharing an id do
 * not collide, or take a ready-made unique string ({@link PersistenceId.ofUniqueId}).
 *
 * @public
 */
export class PersistenceId {
  /** The default separator between the entity type hint and the entity id. */
  static readonly DEFAULT_SEPARATOR = '|';

  private constructor(
    /** The string stores see. */
    readonly id: string,
  ) {}

  /**
   * `entityTypeHint + separator + entityId`. Throws a `RangeError` when the hint contains the
   * separator (the id could then not be split back unambiguously) or either part is empty.
   */
  static of(entityTypeHint: string, entityId: string, separator: string = PersistenceId.DEFAULT_SEPARATOR): PersistenceId {
    if (entityTypeHint === '') throw new RangeError('PersistenceId.of: entityTypeHint must not be empty');
    if (entityId === '') throw new RangeError('PersistenceId.of: entityId must not be empty');
    if (separator !== '' && entityTypeHint.includes(separator)) {
      throw new RangeError(
        `PersistenceId.of: entityTypeHint ${JSON.stringify(entityTypeHint)} must not contain the separator ${JSON.stringify(separator)}`,
      );
    }
    return new PersistenceId(entityTypeHint + separator + entityId);
  }

  /** Uses `id` exactly as given; it must be non-empty and unique across entity types. */
  static ofUniqueId(id: string): PersistenceId {
    if (id === '') throw new RangeError('PersistenceId.ofUniqueId: id must not be empty');
    return new PersistenceId(id);
  }

  /** The entity type hint, given the separator used to build this id (`''` if absent). */
  entityTypeHint(separator: string = PersistenceId.DEFAULT_SEPARATOR): string {
    const at = this.id.indexOf(separator);
    return at < 0 ? '' : this.id.slice(0, at);
  }

  /** The entity id, given the separator used to build this id (the whole id if absent). */
  entityId(separator: string = PersistenceId.DEFAULT_SEPARATOR): string {
    const at = this.id.indexOf(separator);
    return at < 0 ? this.id : this.id.slice(at + separator.length);
  }

  /** Equal when the ids are equal. */
  equals(other: PersistenceId): boolean {
    return this.id === other.id;
  }

  toString(): string {
    return this.id;
  }
}
