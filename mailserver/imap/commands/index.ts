// Every IMAP command the server knows, by name.
import type { ImapCommand } from "../command";
import { append } from "./append";
import { authenticate } from "./authenticate";
import { capability } from "./capability";
import { check } from "./check";
import { close } from "./close";
import { compress } from "./compress";
import { copy, move } from "./copy";
import { create } from "./create";
import { deleteCommand } from "./delete";
import { enable } from "./enable";
import { expunge } from "./expunge";
import { fetch } from "./fetch";
import { id } from "./id";
import { idle } from "./idle";
import { listCommand, lsub } from "./list";
import { login } from "./login";
import { logout } from "./logout";
import { namespace } from "./namespace";
import { noop } from "./noop";
import { getquota, getquotaroot, setquota } from "./quota";
import { rename } from "./rename";
import { search } from "./search";
import { examine, select } from "./select";
import { starttls } from "./starttls";
import { status } from "./status";
import { store } from "./store";
import { subscribe, unsubscribe } from "./subscribe";
import { unselect } from "./unselect";

const ALL: ImapCommand[] = [
  append,
  authenticate,
  capability,
  check,
  close,
  compress,
  copy,
  create,
  deleteCommand,
  enable,
  examine,
  expunge,
  fetch,
  getquota,
  getquotaroot,
  id,
  idle,
  listCommand,
  login,
  logout,
  lsub,
  move,
  namespace,
  noop,
  rename,
  search,
  select,
  setquota,
  starttls,
  status,
  store,
  subscribe,
  unselect,
  unsubscribe,
];

export const COMMANDS: ReadonlyMap<string, ImapCommand> = new Map(ALL.map((c) => [c.name, c]));
