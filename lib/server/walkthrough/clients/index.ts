// Every client we have a walkthrough for, in the order the chooser shows them.
import type { ClientId, ClientWalkthrough } from "../content-model";
import { androidGmail } from "./android-gmail";
import { androidThunderbird } from "./android-thunderbird";
import { appleMail } from "./apple-mail";
import { iphone } from "./iphone";
import { outlook } from "./outlook";
import { outlook2003 } from "./outlook-2003";
import { outlook2007 } from "./outlook-2007";
import { outlookExpress } from "./outlook-express";
import { thunderbird } from "./thunderbird";
import { windowsMail } from "./windows-mail";
import { windowsMailVista } from "./windows-mail-vista";

export const CLIENTS: ClientWalkthrough[] = [
  outlook,
  thunderbird,
  appleMail,
  iphone,
  androidGmail,
  androidThunderbird,
  windowsMail,
  outlook2007,
  outlook2003,
  windowsMailVista,
  outlookExpress,
];

export function findClient(id: string): ClientWalkthrough | undefined {
  return CLIENTS.find((c) => c.id === id);
}

export const CLIENT_IDS = CLIENTS.map((c) => c.id) as ClientId[];
