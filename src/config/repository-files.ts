// The files validation looks at, as plain values: what the file-system adapter read.
export interface RawFile {
  /** Repository-relative path with `/` separators. */
  readonly file: string;
  /** The content, or only its first MAX_FILE_BYTES + 1 bytes when the file is larger. */
  readonly bytes: Uint8Array;
  /** The file's full size in bytes. */
  readonly size: number;
}

export interface MisplacedFile {
  readonly file: string;
  /** What is expected instead, said to the user. */
  readonly message: string;
  /** The account it looks meant for (clients/beta.yml → beta): that account is then skipped. */
  readonly account?: string;
}

export interface RepositoryFiles {
  /** clientsync.yaml, or null when missing. */
  readonly settings: RawFile | null;
  /** clients/*.yaml, sorted by path. */
  readonly accounts: readonly RawFile[];
  /** Files that look meant for clientsync but would be ignored (.yml, sub-folders, ...). */
  readonly misplaced: readonly MisplacedFile[];
}
