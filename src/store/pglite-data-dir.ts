// The embedded store's files on disk: private to their owner (directories 0700, files 0600) and durable
// (PostgreSQL's fsync reaches the disk). PGlite's Node file system, as shipped, creates every file 0666
// whatever the umask (it chmods each one to the mode it tracks) and drops fsync on the floor, and PGlite starts
// PostgreSQL with fsync off (`-F`); this file system and these start parameters undo all three.
import { chmodSync, fsyncSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

const PRIVATE = 0o077;

/** The parts of Emscripten's NODEFS that are changed here. */
interface EmscriptenNodeFs {
  node_ops: {
    mknod: (parent: unknown, name: string, mode: number, dev: number) => unknown;
    setattr: (node: unknown, attr: { mode?: number }) => void;
  };
  stream_ops: { fsync?: (stream: { nfd?: number }) => number };
}

/** PGlite's Node file system, with owner-only modes and an fsync that reaches the disk. */
class PrivateDurableNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS["init"]>): ReturnType<NodeFS["init"]> {
    const { emscriptenOpts } = await super.init(...args);
    const harden = (module: unknown) => {
      const nodefs = (module as { NODEFS: EmscriptenNodeFs }).NODEFS;
      const { mknod, setattr } = nodefs.node_ops;
      nodefs.node_ops.mknod = (parent, name, mode, dev) => mknod(parent, name, mode & ~PRIVATE, dev);
      nodefs.node_ops.setattr = (node, attr) =>
        setattr(node, attr.mode === undefined ? attr : { ...attr, mode: attr.mode & ~PRIVATE });
      nodefs.stream_ops.fsync = (stream) => {
        if (stream.nfd !== undefined) fsyncSync(stream.nfd);
        return 0;
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [harden, ...(emscriptenOpts.preRun ?? [])] } };
  }
}

/** Makes what an earlier version left (0755 directories, 0666 files) owner-only. */
export function makePrivate(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makePrivate(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

/** PostgreSQL's start parameters as PGlite gives them, with fsync on. */
export const DURABLE_START_PARAMS = [
  ...PGlite.defaultStartParams.filter((param) => param !== "-F"),
  "-c",
  "wal_sync_method=fsync",
];

/** The options that open PGlite on `dataDir`: owner-only files, fsync on. */
export function privateDurableDataDir(dataDir: string): { fs: NodeFS; startParams: string[] } {
  return { fs: new PrivateDurableNodeFS(dataDir), startParams: DURABLE_START_PARAMS };
}
