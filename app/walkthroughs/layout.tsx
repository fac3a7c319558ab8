import { CustomerFrame } from "@/components/customer-frame";

// The walkthrough pages are signed-in customer pages with the same header and navigation as
// the (customer) group, in a wider frame (pictures beside words). They stay outside that
// group for the width only; their URLs (/walkthroughs/...) are unchanged. Route handlers here
// (PNG pictures, the public profile link) are not wrapped by layouts.
export default function WalkthroughsLayout({ children }: { children: React.ReactNode }) {
  return <CustomerFrame wide>{children}</CustomerFrame>;
}
