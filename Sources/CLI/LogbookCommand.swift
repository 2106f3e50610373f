public enum LogbookCommand {
    public static func main() {}
}
