// placeholder replaced in the next step
