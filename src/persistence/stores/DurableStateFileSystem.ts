/**
 * The part of a `node:fs`-like module that {@link FileDurableStateStore} uses. `node:fs` itself
 * fits, and so does memfs; tests wrap either to inject faults.
 *
 * @public
 */
export interface DurableStateFileSystem {
  readonly promises: {
    mkdir(path: string, options: { recursive: true }): Promise<unknown>;
    readdir(path: string): Promise<string[]>;
    readFile(path: string, encoding: 'utf8'): Promise<string>;
    /** Opened with `'w'` to write a temporary file and with `'r'` to fsync the directory. */
    open(path: string, flags: string): Promise<DurableStateFileHandle>;
    rename(oldPath: string, newPath: string): Promise<void>;
    unlink(path: string): Promise<void>;
  };
}

/** An open file, as {@link DurableStateFileSystem.promises}.open returns it. @public */
export interface DurableStateFileHandle {
  writeFile(data: string): Promise<void>;
  /** fsync: resolves once the file's data (or a directory's entries) reached stable storage. */
  sync(): Promise<void>;
  close(): Promise<void>;
}
