/// The version of wearport, written into reports and database metadata.
public enum WearportVersion {
  public static let current = "0.1.0"
}
