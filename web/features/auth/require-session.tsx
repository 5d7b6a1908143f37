// Guards the signed-in part of the app: sends visitors to /login and brings them back afterwards.
import { Navigate, Outlet, useLocation } from "react-router";
import { ErrorState, Loading } from "../../components/ui/state-views.tsx";
import { LiveEventsProvider } from "../../lib/use-events.tsx";
import { useSession } from "./session.tsx";

export function RequireSession() {
  const { state, retry } = useSession();
  const location = useLocation();
  if (state.status === "loading") return <Loading label="Checking your session" fullPage />;
  if (state.status === "error") return <ErrorState error={state.error} onRetry={retry} fullPage />;
  if (state.status === "signed-out") {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return (
    <LiveEventsProvider>
      <Outlet />
    </LiveEventsProvider>
  );
}
