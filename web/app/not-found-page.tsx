// What any unknown address shows.
import { Link } from "react-router";
import { EmptyState } from "../components/ui/state-views.tsx";

export function NotFoundPage() {
  return (
    <main id="main" className="narrow">
      <h1>Page not found</h1>
      <EmptyState title="There is nothing at this address.">
        <p>
          <Link to="/">Back to the radiator</Link>
        </p>
      </EmptyState>
    </main>
  );
}
