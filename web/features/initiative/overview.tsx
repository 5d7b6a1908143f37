// The initiative's first section: the outcome scorecard, then the team lanes.
import { Scorecard } from "../scorecard/scorecard.tsx";
import { TeamLanes } from "../lanes/team-lanes.tsx";

export function Overview() {
  return (
    <>
      <Scorecard />
      <TeamLanes />
    </>
  );
}
