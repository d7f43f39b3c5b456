using JobManager;

return new JobManagerApp().Run(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable(CommandContext.StoreVariable));
