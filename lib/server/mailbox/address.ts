// Mailbox addresses: the username is the email address, always lower case.
import { z } from "zod";

const HOST_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

export function normaliseAddress(input: string): string {
  return input.trim().toLowerCase();
}

export function isDomainName(name: string): boolean {
  if (name.length > 253) return false;
  const labels = name.split(".");
  return labels.length >= 2 && labels.every((l) => HOST_LABEL.test(l));
}

export function isMailboxAddress(address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at <= 0 || address.length > 254) return false;
  const local = address.slice(0, at);
  return local.length <= 64 && LOCAL_PART.test(local) && isDomainName(address.slice(at + 1));
}

export const domainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isDomainName, "Enter a domain name such as example.org.");

export const mailboxAddressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isMailboxAddress, "Enter an email address such as name@example.org.");

export function splitAddress(address: string): { localPart: string; domain: string } {
  const at = address.lastIndexOf("@");
  return { localPart: address.slice(0, at), domain: address.slice(at + 1) };
}
