// The risks section: the register, then the pre-mortems that feed it.
import { Premortems } from "./premortems.tsx";
import { RiskRegister } from "./risk-register.tsx";

export function RisksSection() {
  return (
    <>
      <RiskRegister />
      <Premortems />
    </>
  );
}
