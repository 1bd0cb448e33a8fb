import WearportCore

/// The explanations of the codes this module reports (`wearport validate --explain CODE`).
public enum PolarCodes {
  public static let explanations: [CodeExplanation] = [
    CodeExplanation(
      .polarExerciseInvalid, .error,
      meaning: "An exercise of a Polar list could not be read; it is rejected and the other exercises are read.",
      action: "Look at the cause shown after the message and at the exercise at the pointer."),
    CodeExplanation(
      .polarSampleLengthMismatch, .warning,
      meaning:
        "The sample streams of one exercise have different lengths; the shorter streams are padded with missing "
        + "values so every sample keeps its time (start + index × recording rate).",
      action: "Nothing for a real Polar response (it happens when a sensor drops out); check hand-made fixtures."),
    CodeExplanation(
      .polarSampleInvalidValue, .warning,
      meaning:
        "Values of a sample stream are not numbers (and not one of the gap tokens \"\", null, NaN, -); they are kept "
        + "as missing values.",
      action: "Check the sample stream at the pointer."),
    CodeExplanation(
      .polarSampleUnknownType, .warning,
      meaning: "A sample type number is not one wearport knows (or has no usable rate); that stream is skipped.",
      action: "Report the type number so the reader can learn it; the other streams are read."),
    CodeExplanation(
      .polarSampleInvalidRate, .warning,
      meaning:
        "A sample stream has no positive recording_rate, so its samples cannot be placed in time; it is skipped.",
      action: "Check the recording_rate of the stream at the pointer."),
    CodeExplanation(
      .polarRouteInvalidPoint, .warning,
      meaning: "Route points lack a valid latitude, longitude or time offset; they are skipped.",
      action: "Nothing for occasional points; many mean the route is damaged."),
    CodeExplanation(
      .polarRouteClockShifted, .warning,
      meaning:
        "In an old Flow export the route's clock does not match the heart-rate clock; the route was aligned by its "
        + "offset from its first point.",
      action: "Nothing: check the aligned route if timing matters."),
    CodeExplanation(
      .polarSpeedUnitAssumed, .note,
      meaning: "Speed samples match distance ÷ duration in m/s rather than km/h, so they were read as m/s.",
      action: "Nothing."),
    CodeExplanation(
      .polarLapsUnread, .warning,
      meaning: "Laps without a duration were skipped.",
      action: "Check the laps at the pointer."),
    CodeExplanation(
      .polarHeartRateGap, .note,
      meaning: "Heart-rate samples of 0 bpm are sensor gaps (the strap lost contact); they are not written.",
      action: "Nothing."),
    CodeExplanation(
      .polarSleepStageUnknown, .warning,
      meaning: "A hypnogram stage code is not 0–5; the stage is kept with the kind `unknown`.",
      action: "Check the hypnogram at the pointer."),
    CodeExplanation(
      .polarNotRecords, .note,
      meaning:
        "The document is a Polar file with nothing to convert (a user profile, a calendar item that is not an "
        + "exercise).",
      action: "Nothing."),
    CodeExplanation(
      .polarStepsGapNotFilled, .warning,
      meaning:
        "AccessLink daily-activity steps leave out repeated values; wearport fills them back in between two samples. "
        + "The repeats before this sample would span more than a day (a damaged timestamp, a clock jump), so they "
        + "were not filled in; the samples themselves are kept.",
      action: "Check the timestamp at the pointer and the one before it."),
    CodeExplanation(
      .polarSamplesOrphaned, .error,
      meaning:
        "Sample or zone files of a transaction archive have no exercise summary beside them (…/exercises/{id}/), so "
        + "they cannot be placed in time; they are rejected.",
      action: "Include the exercise summary file in the same folder or archive."),
  ]
}
