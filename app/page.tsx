import { redirect } from "next/navigation";
import { getCustomerSession } from "@/lib/server/web-auth/require-customer";

export default async function Home() {
  redirect((await getCustomerSession()) ? "/settings" : "/login");
}
