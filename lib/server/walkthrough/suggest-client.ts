// The likely email program from the browser's User-Agent: only a suggestion, the customer
// can choose any other. iPad in desktop mode says "Macintosh"; Apple Mail is then a fine guess.
import type { ClientId } from "./content-model";

export function suggestClient(userAgent: string | null | undefined): ClientId {
  const ua = userAgent ?? "";
  if (/iPhone|iPad|iPod/i.test(ua)) return "iphone";
  if (/Android/i.test(ua)) return "android-gmail";
  if (/Macintosh|Mac OS X/i.test(ua)) return "apple-mail";
  if (/Windows NT 5\.[12]/i.test(ua)) return "outlook-express";
  if (/Windows NT 6\.0/i.test(ua)) return "windows-mail-vista";
  if (/Windows/i.test(ua)) return "outlook";
  return "thunderbird";
}
