/// The number of cases each property test draws (with a `SplitMix` of a fixed seed, so every run draws the same).
let propertyCaseCount = 10_000
