// TEMPORARY stand-in, replaced by the portal branch (which owns customer sign-in). It only
// fixes the signature the walkthrough pages rely on; without the portal nobody is signed in.
import { redirect } from "next/navigation";

export async function requireCustomer(): Promise<{
  id: number;
  address: string;
  preferredProtocol: "POP3" | "IMAP";
}> {
  redirect("/login");
}
